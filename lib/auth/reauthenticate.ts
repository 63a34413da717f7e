import "server-only";
import { recordAudit, type AuditType } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError, unauthorized, validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { storeLimiter } from "@/lib/security/limiter-store";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import { verifyAgainstDummy, verifyPassword } from "./password-hashing";
import { deleteUserSession, type ResolvedSession } from "./sessions";

// Re-verification: a signed-in user proves it is still them before a sensitive change
// (password change, account deletion; later a step-up with a second factor). A stolen
// session must not become an unlimited password oracle, so a wrong password here counts
// exactly like a failed sign-in (the lockout streak and the per-email failure budgets,
// lib/security/sign-in-guard.ts), and REAUTH_MAX_FAILURES wrong ones (default 5) within
// the session's lifetime end the session.

const sessionFailures = () => storeLimiter("reauthFailures", env.REAUTH_MAX_FAILURES, env.SESSION_ABSOLUTE_TIMEOUT_S);

export interface ReauthOptions {
  /** The form / JSON field the password came in, for the 400 that names it. */
  field: string;
  /** The audit event a failure is recorded as (the change that was asked for). */
  auditType: AuditType;
}

export const signedOutAfterFailures = () =>
  new ApiError("unauthorized", "Too many wrong passwords: this session has been signed out. Sign in again to continue");

/**
 * Checks the signed-in user's password. Wrong: 400 naming the field (and the failure
 * counted); the REAUTH_MAX_FAILURES-th wrong one deletes the session: 401. Locked or over a
 * budget: 403 account_locked / 429, before any compare. Right: the streaks are forgotten.
 */
export async function verifyCurrentPassword(session: ResolvedSession, password: string, ctx: RequestContext, opts: ReauthOptions): Promise<void> {
  const userId = session.user.id;
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw unauthorized();
  const attempt = await reservePasswordAttempt(user.email, ctx, { type: opts.auditType, actorId: userId, targetUserId: userId });
  let ok: boolean;
  try {
    ok = user.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  } catch (err) {
    await attempt.abandoned();
    throw err;
  }
  if (ok) {
    await Promise.all([
      attempt.succeeded(),
      sessionFailures().delete(session.id),
      prisma().user.updateMany({ where: { id: userId, failedLoginCount: { gt: 0 } }, data: { failedLoginCount: 0 } }),
    ]);
    return;
  }

  await recordAudit({ type: opts.auditType, outcome: "failure", ctx, actorId: userId, targetUserId: userId, metadata: { reason: "wrong_current_password" } });
  await attempt.failed(userId);
  const failures = (await sessionFailures().penalty(session.id, 1)).consumedPoints;
  if (failures >= env.REAUTH_MAX_FAILURES) {
    await deleteUserSession(userId, session.id);
    await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { sessionId: session.id, reason: "reauthentication_failures", failures } });
    throw signedOutAfterFailures();
  }
  throw validationError({ [opts.field]: opts.field === "current_password" ? "Current password is incorrect" : "Password is incorrect" });
}
