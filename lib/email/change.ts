import "server-only";
import { hashEmail, recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { notFound, validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { emailChangeMail, emailChangeNoticeMail } from "@/lib/mail/templates";
import { limitByIp, limitByUser } from "@/lib/security/rate-limit";
import { maskEmail } from "./mask";
import { EMAIL_TOKEN_HOURS, addressTaken, issueEmailToken } from "./verification";

export const EMAIL_CHANGE_MESSAGE = "A link is on its way to the new address: your email changes when you open it.";

/**
 * Asks to move the signed-in user's account to a new address (the caller has checked a
 * recent authentication). Nothing changes yet: a link goes to the new address (confirmed by
 * confirmEmailToken, which changes it if the address is still free then) and a notice without
 * a link to the old one. A new request replaces a pending one. 409 email_taken when an
 * account has the address now; registration tells the same, and the per-user and per-IP
 * limits come first, so this is no faster way to test addresses.
 */
export async function requestEmailChange(userId: string, newEmail: string, ctx: RequestContext): Promise<void> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) throw notFound("User");
  if (newEmail === user.email) throw validationError({ email: "That is already your email address" });
  await limitByIp("verifyMailIp", ctx);
  await limitByUser("verifyMailUser", user.id, ctx);
  const taken = await prisma().user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (taken) {
    await recordAudit({ type: "email_change_requested", outcome: "failure", ctx, actorId: user.id, targetUserId: user.id, metadata: { reason: "email_taken", new: hashEmail(newEmail) } });
    throw addressTaken();
  }
  const token = await issueEmailToken(user.id, newEmail, "change");
  await recordAudit({ type: "email_change_requested", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { new: hashEmail(newEmail) } });
  await sendMail(emailChangeMail(newEmail, token, EMAIL_TOKEN_HOURS));
  await sendMail(emailChangeNoticeMail(user.email, maskEmail(newEmail)));
}
