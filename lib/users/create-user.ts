import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password-hashing";
import { emailTaken } from "@/lib/auth/register";
import { checkNewPassword } from "@/lib/auth/password-policy";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { emailSchema, nameSchema } from "@/lib/validation/auth";

/** Creates a user with a role (the CLI's bootstrap of the first admin). Same password policy as registration. */
export async function createUserWithRole(input: { email: string; name: string; password: string; role: Role }, ctx: RequestContext) {
  const email = emailSchema.safeParse(input.email);
  const name = nameSchema.safeParse(input.name);
  if (!email.success) throw validationError({ email: email.error.issues[0].message });
  if (!name.success) throw validationError({ name: name.error.issues[0].message });
  const problem = checkNewPassword(input.password, { email: email.data, name: name.data });
  if (problem) throw validationError({ password: problem });
  try {
    const user = await prisma().user.create({
      data: { email: email.data, name: name.data, role: input.role, passwordHash: await hashPassword(input.password) },
      select: { id: true, email: true, role: true },
    });
    await recordAudit({ type: "user_created", outcome: "success", ctx, targetUserId: user.id, metadata: { role: input.role, via: "cli" } });
    return user;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw emailTaken();
    }
    throw err;
  }
}
