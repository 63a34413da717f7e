import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { ApiError, validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { passwordChangedMail, passwordResetMail } from "@/lib/mail/templates";
import { clearLockout } from "@/lib/security/lockout";
import { clearEmailLimits, limitByEmailAndNetwork, limitByIp } from "@/lib/security/rate-limit";
import { clearSignInLimits } from "@/lib/security/sign-in-guard";
import { hashPassword } from "./password-hashing";
import { checkNewPassword } from "./password-policy";
import { createSession, type SignedIn } from "./sessions";
import { generateToken, hashToken } from "./tokens";

export const RESET_TOKEN_MINUTES = 30;
export const FORGOT_MESSAGE = "If an account exists for that email, a link to reset its password is on its way.";

export const invalidResetToken = () =>
  new ApiError("invalid_or_expired_token", "This reset link is invalid, expired or already used; ask for a new one");

/**
 * "Forgot password": limits are checked on the request path (429 is allowed to differ);
 * everything that depends on whether the account exists runs after the response, so
 * known and unknown emails get the same answer in the same time.
 */
export async function requestPasswordReset(email: string, ctx: RequestContext, now = () => Date.now()): Promise<void> {
  await limitByIp("forgotIp", ctx);
  // Per email and client network, under a ceiling per email: someone else's requests for
  // this email use up their network's budget, not the owner's.
  await limitByEmailAndNetwork("forgotEmail", "forgotEmailGlobal", email, ctx);
  // The work below runs after the answer; "a link is on its way" must not be said while the
  // database cannot record it (503 instead, the same for every email).
  await prisma().$queryRaw`SELECT 1`;
  runInBackground("password-reset-request", () => issueResetToken(email, ctx, now()));
}

export async function issueResetToken(email: string, ctx: RequestContext, now = Date.now(), actorId?: string): Promise<void> {
  const user = await prisma().user.findUnique({ where: { email }, select: { id: true, email: true, isActive: true } });
  if (!user || !user.isActive) {
    await recordAudit({ type: "password_reset_requested", outcome: "failure", ctx, actorId, email, metadata: { reason: user ? "deactivated" : "unknown_email" } });
    return;
  }
  const token = generateToken();
  await prisma().$transaction([
    prisma().passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    prisma().passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expires: new Date(now + RESET_TOKEN_MINUTES * 60_000), createdAt: new Date(now) },
    }),
  ]);
  await recordAudit({ type: "password_reset_requested", outcome: "success", ctx, actorId: actorId ?? null, targetUserId: user.id });
  await sendMail(passwordResetMail(user.email, token, RESET_TOKEN_MINUTES));
}

/**
 * Whether a reset link can still be used, without using it: the reset page asks before
 * showing the form, so nobody types a new password into a dead link. resetPassword still
 * decides (the token can expire or be used in between).
 */
export async function isResetTokenUsable(token: string, now = Date.now()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await prisma().passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { userId: true, usedAt: true, expires: true } });
  if (!row || row.usedAt || row.expires.getTime() <= now) return false;
  const user = await prisma().user.findUnique({ where: { id: row.userId }, select: { isActive: true } });
  return user?.isActive === true;
}

/**
 * Sets a new password from a reset token: single use, checked against expiry, every other
 * token of the user invalidated, lockout cleared, every session revoked, a notice mailed,
 * and a fresh session for the browser that did it.
 */
export async function resetPassword(token: string, password: string, ctx: RequestContext, now = Date.now()): Promise<SignedIn> {
  const row = await prisma().passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expires.getTime() <= now) {
    await recordAudit({ type: "password_reset_completed", outcome: "failure", ctx, targetUserId: row?.userId, metadata: { reason: !row ? "unknown_token" : row.usedAt ? "used" : "expired" } });
    throw invalidResetToken();
  }
  const user = await prisma().user.findUnique({ where: { id: row.userId }, select: { id: true, email: true, name: true, role: true, createdAt: true, isActive: true } });
  if (!user || !user.isActive) throw invalidResetToken();
  const problem = checkNewPassword(password, user);
  if (problem) throw validationError({ password: problem });

  const passwordHash = await hashPassword(password);
  const used = await prisma().$transaction(async (tx) => {
    const claim = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date(now) } });
    if (claim.count !== 1) return false;
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id, id: { not: row.id } } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    return true;
  });
  if (!used) throw invalidResetToken();

  // The reset proves the owner: whatever others' attempts piled up for this email goes.
  await Promise.all([clearLockout(user.email), clearSignInLimits(user.email), clearEmailLimits("forgotEmail", "forgotEmailGlobal", user.email)]);
  const session = await createSession(user.id, ctx);
  await recordAudit({ type: "password_reset_completed", outcome: "success", ctx, actorId: user.id, targetUserId: user.id });
  runInBackground("password-changed-notice", () => sendMail(passwordChangedMail(user.email, "reset")));
  const { id, email, name, role, createdAt } = user;
  return { user: { id, email, name, role, createdAt }, ...session };
}
