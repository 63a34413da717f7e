import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { acceptTotpCode } from "@/lib/mfa/factors";
import { recordFailedSignIn } from "@/lib/security/lockout";
import { limitByIp } from "@/lib/security/rate-limit";
import { verifyPassword } from "./password-hashing";
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
 * Proves the user again on this session: their password, or a TOTP code (which also makes
 * the session level 2). Wrong answers count towards the sign-in lockout streak like wrong
 * passwords at sign-in.
 */
export async function reauthenticate(session: ResolvedSession, input: ReauthInput, ctx: RequestContext): Promise<void> {
  await limitByIp("mfaIp", ctx);
  const user = session.user;
  let ok: boolean;
  if (input.password !== undefined) {
    const row = await prisma().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    ok = row?.passwordHash ? await verifyPassword(input.password, row.passwordHash) : false;
  } else {
    ok = (await acceptTotpCode(user.id, input.code)) !== null;
  }
  const method = input.password !== undefined ? "password" : "totp";
  if (!ok) {
    await recordAudit({ type: "reauthenticated", outcome: "failure", ctx, actorId: user.id, targetUserId: user.id, email: user.email, metadata: { method, reason: method === "password" ? "wrong_password" : "wrong_code" } });
    await recordFailedSignIn(user.email, user.id, ctx);
    throw method === "password" ? new ApiError("invalid_credentials", "That password is not right") : new ApiError("invalid_code", "That code is not right");
  }
  await markAuthenticated(session.id, method === "totp" ? 2 : undefined);
  await recordAudit({ type: "reauthenticated", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { method } });
}
