import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { issueResetToken } from "@/lib/auth/password-reset";
import { revokeAllSessions } from "@/lib/auth/session-changes";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { alreadyVerified, sendEmailVerification } from "@/lib/email/verification";
import { ApiError, notFound } from "@/lib/http/errors";
import { sendMail } from "@/lib/mail/mail";
import { factorNoticeMail } from "@/lib/mail/templates";
import type { RequestContext } from "@/lib/http/request-context";
import { clearLockout } from "@/lib/security/lockout";
import { clearSignInLimits } from "@/lib/security/sign-in-guard";
import { assertNotSelf } from "./account";

// What support staff do for a user, with the rules that hold on every channel (console,
// JSON API, CLI). The caller has checked the permission; every action is audited with the
// staff member as actor.

async function targetUser(userId: string) {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { email: true, isActive: true } });
  if (!user) throw notFound("User");
  return user;
}

/** Clears the lockout, the failure streak and the per-email sign-in limit. */
export async function unlockUser(userId: string, actorId: string, ctx: RequestContext) {
  const { email } = await targetUser(userId);
  await clearLockout(email);
  await clearSignInLimits(email);
  await recordAudit({ type: "unlock", outcome: "success", ctx, actorId, targetUserId: userId });
}

/** Mails the user (never the caller) a reset link; refused for deactivated accounts. The address it goes to. */
export async function sendResetLink(userId: string, actorId: string, ctx: RequestContext): Promise<string> {
  const { email, isActive } = await targetUser(userId);
  if (!isActive) throw new ApiError("account_deactivated", "Deactivated accounts get no reset link; reactivate the account first");
  runInBackground("staff-reset-link", () => issueResetToken(email, ctx, Date.now(), actorId));
  return email;
}

/** Mails the user a new verification link for their current address; refused for deactivated or already verified accounts. The address it goes to. */
export async function sendVerificationLink(userId: string, actorId: string, ctx: RequestContext): Promise<string> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true, isActive: true, emailVerified: true } });
  if (!user) throw notFound("User");
  if (!user.isActive) throw new ApiError("account_deactivated", "Deactivated accounts get no verification link; reactivate the account first");
  if (user.emailVerified) throw alreadyVerified();
  await sendEmailVerification(user, ctx, { actorId, reason: "staff" });
  return user.email;
}

/** Signs the user out everywhere (404 for an unknown user); how many sessions went. */
export async function revokeUserSessions(userId: string, actorId: string, ctx: RequestContext): Promise<number> {
  await targetUser(userId);
  return revokeAllSessions(userId, actorId, ctx);
}

/**
 * Removes every second factor of a user who lost theirs (authenticator app, passkeys,
 * recovery codes): they sign in with their password alone until they set one up again.
 * Their sessions drop to level 1; they are mailed. Never on one's own account.
 */
export async function resetSecondFactors(userId: string, actorId: string, ctx: RequestContext) {
  assertNotSelf(userId, actorId);
  const { email } = await targetUser(userId);
  const [totp, passkeys, codes] = await prisma().$transaction([
    prisma().totpFactor.deleteMany({ where: { userId } }),
    prisma().passkey.deleteMany({ where: { userId } }),
    prisma().recoveryCode.deleteMany({ where: { userId } }),
    prisma().session.updateMany({ where: { userId }, data: { level: 1 } }),
  ]);
  await recordAudit({ type: "factors_reset", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { totp: totp.count, passkeys: passkeys.count, recovery_codes: codes.count } });
  runInBackground("factors-reset-notice", () => sendMail(factorNoticeMail(email, "reset")));
}
