import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { acceptTotpCode } from "@/lib/mfa/factors";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import { verifyCurrentPassword } from "./reauthenticate";
import { markAuthenticated, type ResolvedSession } from "./sessions";

// Step-up (SPEC 10): adding or removing a factor, new recovery codes (and, with their own
// password check, a password change or account deletion) need a session that proved the user
// within REAUTH_MAX_AGE_S. Routes and actions declare it (`recentAuth: true`).

export const reauthenticationRequired = () =>
  new ApiError("reauthentication_required", "Confirm it's you: enter your password or an authenticator code again (POST /api/auth/reauthenticate)");

export function isRecentlyAuthenticated(session: ResolvedSession, now = Date.now()): boolean {
  return now - session.authenticatedAt.getTime() <= env.REAUTH_MAX_AGE_S * 1000;
}

export function assertRecentAuth(session: ResolvedSession): void {
  if (!isRecentlyAuthenticated(session)) throw reauthenticationRequired();
}

export type ReauthInput = { password: string; code?: undefined } | { code: string; password?: undefined };

/**
 * Proves the user again on this session: their password (lib/auth/reauthenticate.ts, the
 * same check and limits as any re-verification) or a TOTP code, which also makes the session
 * level 2. Wrong answers count like failed sign-ins (lockout streak, per-email budgets).
 */
export async function reauthenticate(session: ResolvedSession, input: ReauthInput, ctx: RequestContext): Promise<void> {
  await limitByIp("mfaIp", ctx);
  const user = session.user;
  if (input.password !== undefined) {
    try {
      await verifyCurrentPassword(session, input.password, ctx, { field: "password", auditType: "reauthenticated" });
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation_error") throw new ApiError("invalid_credentials", "That password is not right");
      throw err;
    }
  } else {
    const attempt = await reservePasswordAttempt(user.email, ctx, { type: "reauthenticated", actorId: user.id, targetUserId: user.id });
    if ((await acceptTotpCode(user.id, input.code)) === null) {
      await recordAudit({ type: "reauthenticated", outcome: "failure", ctx, actorId: user.id, targetUserId: user.id, email: user.email, metadata: { method: "totp", reason: "wrong_code" } });
      await attempt.failed(user.id);
      throw new ApiError("invalid_code", "That code is not right");
    }
    await attempt.succeeded();
  }
  const method = input.password !== undefined ? "password" : "totp";
  await markAuthenticated(session.id, method === "totp" ? 2 : undefined);
  await recordAudit({ type: "reauthenticated", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { method } });
}
