import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { completeSignIn } from "@/lib/auth/sign-in";
import type { SignedIn } from "@/lib/auth/sessions";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { factorNoticeMail } from "@/lib/mail/templates";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import { claimChallenge, countWrongCode, findChallenge } from "./challenges";
import { spendRecoveryCode, acceptTotpCode } from "./factors";

// The second step of a password sign-in: the mfa_token from the first step plus a TOTP code
// or a recovery code (a passkey is lib/mfa/passkeys.ts). Wrong codes count towards the same
// per-email lockout streak as wrong passwords; five kill the token; the per-IP limit of this
// step applies; the token works once.

export const invalidMfaToken = () =>
  new ApiError("invalid_mfa_token", "This sign-in has expired or was already used; sign in again with your password");
export const invalidCode = () => new ApiError("invalid_code", "That code is not right; try again, or use a recovery code");

export type SecondFactorInput = { mfa_token: string } & ({ code: string; recovery_code?: undefined } | { recovery_code: string; code?: undefined });

/** The user an mfa_token was issued to, if it is live and they still may sign in. */
export async function mfaTokenUser(token: string, ctx: RequestContext) {
  await limitByIp("mfaIp", ctx);
  const challenge = await findChallenge("mfa", token);
  if (!challenge?.userId) throw invalidMfaToken();
  const user = await prisma().user.findUnique({
    where: { id: challenge.userId },
    select: { id: true, email: true, name: true, role: true, createdAt: true, isActive: true },
  });
  if (!user?.isActive) throw invalidMfaToken();
  return { challenge, user };
}

/** Completes a sign-in with a code: a level-2 session, or invalid_code / invalid_mfa_token / account_locked. */
export async function signInWithSecondFactor(input: SecondFactorInput, ctx: RequestContext): Promise<SignedIn> {
  const { challenge, user } = await mfaTokenUser(input.mfa_token, ctx);
  // The same lock, per-email failure budgets and reserved streak point as a password.
  const attempt = await reservePasswordAttempt(user.email, ctx, { type: "login", targetUserId: user.id });
  const method = input.code !== undefined ? "totp" : "recovery_code";
  const remaining = method === "totp" ? ((await acceptTotpCode(user.id, input.code!)) === null ? null : -1) : await spendRecoveryCode(user.id, input.recovery_code!);

  if (remaining === null) {
    await countWrongCode(challenge.id);
    await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user.id, email: user.email, metadata: { reason: method === "totp" ? "wrong_code" : "wrong_recovery_code", stage: "second_factor" } });
    await attempt.failed(user.id);
    throw invalidCode();
  }
  if (!(await claimChallenge(challenge.id))) {
    await attempt.abandoned();
    throw invalidMfaToken();
  }

  const { id, email, name, role, createdAt } = user;
  const signedIn = await completeSignIn({ id, email, name, role, createdAt }, ctx, { level: 2, method, attempt });
  if (method === "recovery_code") {
    await recordAudit({ type: "recovery_code_used", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { remaining } });
    runInBackground("recovery-code-notice", () => sendMail(factorNoticeMail(user.email, "recovery_code_used", { remaining })));
  }
  return signedIn;
}
