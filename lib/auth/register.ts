import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { sendEmailVerification } from "@/lib/email/verification";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError, validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { limitByEmail, limitByIp } from "@/lib/security/rate-limit";
import type { RegisterInput } from "@/lib/validation/auth";
import { hashPassword } from "./password-hashing";
import { checkNewPassword } from "./password-policy";
import { createSession, type SignedIn } from "./sessions";

export const emailTaken = () => new ApiError("email_taken", "An account with this email already exists");

/** Creates a user with a password, signs them in and mails the link that verifies the address. Input is already parsed by registerSchema. */
export async function registerUser(input: RegisterInput, ctx: RequestContext): Promise<SignedIn> {
  await limitByIp("registerIp", ctx);
  await limitByEmail("registerEmail", input.email, ctx);
  const problem = checkNewPassword(input.password, input);
  if (problem) throw validationError({ password: problem });

  const passwordHash = await hashPassword(input.password);

  let user;
  try {
    user = await prisma().user.create({
      data: { email: input.email, name: input.name, passwordHash, lastLoginAt: new Date() },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      await recordAudit({ type: "register", outcome: "failure", ctx, email: input.email, metadata: { reason: "email_taken" } });
      throw emailTaken();
    }
    throw err;
  }
  const session = await createSession(user.id, ctx);
  await recordAudit({ type: "register", outcome: "success", ctx, actorId: user.id, targetUserId: user.id });
  await sendEmailVerification(user, ctx, { reason: "registration" });
  return { user, ...session };
}
