import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { metrics, type LoginResult } from "@/lib/observability/metrics";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt, type PasswordAttempt } from "@/lib/security/sign-in-guard";
import type { LoginInput } from "@/lib/validation/auth";
import { hashCost, hashPassword, verifyAgainstDummy, verifyPassword } from "./password-hashing";
import { assertEmailVerifiedForSignIn } from "@/lib/email/verification";
import { issueChallenge } from "@/lib/mfa/challenges";
import { secondFactorMethods, type SignInMethod } from "@/lib/mfa/factors";
import { createSession, type SafeUser, type SignedIn } from "./sessions";

export const invalidCredentials = () =>
  new ApiError("invalid_credentials", "Email or password is incorrect");

/** A right password for an account with a second factor: no session yet, the token for the second step. */
export interface SecondFactorRequired {
  mfaRequired: true;
  mfaToken: string;
  expires: Date;
  methods: SignInMethod[];
}

export const isSecondFactorRequired = (r: SignedIn | SecondFactorRequired): r is SecondFactorRequired => "mfaRequired" in r;

export function secondFactorJson(r: SecondFactorRequired) {
  return { mfa_required: true as const, mfa_token: r.mfaToken, expires_at: r.expires.toISOString(), methods: r.methods };
}

const LOGIN_RESULTS: Record<string, LoginResult> = {
  invalid_credentials: "invalid_credentials",
  invalid_code: "invalid_code",
  invalid_mfa_token: "invalid_code",
  account_locked: "locked",
  email_unverified: "email_unverified",
  rate_limit_exceeded: "rate_limited",
  busy: "busy",
};

/**
 * The sign-in decision: the server action, the JSON route and the tests all call this.
 * Order: per-IP limit -> lockout and per-email failure budgets (a reserved point of the
 * failure streak, lib/security/sign-in-guard.ts) -> password -> second factor. Unknown
 * email, wrong password and deactivated account look the same to the caller (same error,
 * and a bcrypt compare in every case); the audit trail keeps the reason. A right password
 * for an account with a second factor creates no session: it answers with the token of the
 * second step (lib/mfa/mfa-sign-in.ts), and its reserved point goes back (the streak stays
 * until a whole sign-in succeeds).
 */
export function signInWithPassword(input: LoginInput, ctx: RequestContext): Promise<SignedIn | SecondFactorRequired> {
  return countSignIn(() => decideSignIn(input, ctx));
}

/** Counts the outcome of any kind of sign-in in auth_login_attempts_total{result}. */
export async function countSignIn<T extends SignedIn | SecondFactorRequired>(attempt: () => Promise<T>): Promise<T> {
  try {
    const result = await attempt();
    metrics().loginAttempts.inc({ result: isSecondFactorRequired(result) ? "mfa_required" : "success" });
    return result;
  } catch (err) {
    metrics().loginAttempts.inc({ result: (err instanceof ApiError && LOGIN_RESULTS[err.code]) || "error" });
    throw err;
  }
}

async function decideSignIn(input: LoginInput, ctx: RequestContext): Promise<SignedIn | SecondFactorRequired> {
  // The per-IP limit, then the lock, the per-email failure budgets and a reserved point of
  // the failure streak (lib/security/sign-in-guard.ts); reading the user does not depend on
  // them, so it runs alongside. A refusal wins: Promise.all rejects with it.
  const [attempt, user] = await Promise.all([
    limitByIp("loginIp", ctx).then(() => reservePasswordAttempt(input.email, ctx, { type: "login" })),
    prisma().user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, name: true, role: true, createdAt: true, isActive: true, passwordHash: true },
    }),
  ]);

  let valid: boolean;
  try {
    valid = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  } catch (err) {
    await attempt.abandoned(); // no compare ran (busy): nothing to count
    throw err;
  }

  if (!user || !valid || !user.isActive) {
    const reason = !user ? "unknown_email" : !user.passwordHash ? "no_password" : !valid ? "wrong_password" : "deactivated";
    // In this order: the failure is in the audit trail before the lockout it may cause.
    await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user?.id, email: input.email, metadata: { reason } });
    await attempt.failed(user?.id ?? null);
    throw invalidCredentials();
  }

  const rehash = hashCost(user.passwordHash!) !== env.BCRYPT_COST ? await hashPassword(input.password) : undefined;
  if (rehash) await prisma().user.update({ where: { id: user.id }, data: { passwordHash: rehash }, select: { id: true } });

  const { id, email, name, role, createdAt } = user;
  return afterFirstFactor({ id, email, name, role, createdAt }, ctx, attempt, { stage: "password", method: "password", metadata: rehash ? { rehashed: true } : {} });
}

/**
 * After the first factor proved the user (a right password, a provider's answer): the
 * REQUIRE_VERIFIED_EMAIL rule (403 email_unverified, a new link mailed), then either the
 * token of the second step (no session yet; the reserved point of the failure streak goes
 * back, the streak stays until a whole sign-in succeeds) or the session.
 */
export async function afterFirstFactor(
  user: SafeUser,
  ctx: RequestContext,
  attempt: PasswordAttempt,
  opts: { stage: "password" | "provider"; method: "password" | "federated"; metadata: Record<string, string | boolean> },
): Promise<SignedIn | SecondFactorRequired> {
  try {
    await assertEmailVerifiedForSignIn(user.id, ctx);
  } catch (err) {
    await attempt.abandoned();
    throw err;
  }
  const methods = await secondFactorMethods(user.id);
  if (methods.length > 0) {
    await attempt.abandoned();
    const { token, expires } = await issueChallenge("mfa", { userId: user.id });
    await recordAudit({ type: "login", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { stage: opts.stage, second_factor: "asked", ...opts.metadata } });
    return { mfaRequired: true, mfaToken: token, expires, methods };
  }
  return completeSignIn(user, ctx, { level: 1, method: opts.method, attempt, metadata: opts.metadata });
}

/**
 * The end of every successful sign-in (password, password + second factor, passkey): a new
 * session at its level, the failure streak forgotten (with the point this attempt
 * reserved), the audit event with the method.
 */
export async function completeSignIn(
  user: SafeUser,
  ctx: RequestContext,
  opts: { level: 1 | 2; method: "password" | "federated" | SignInMethod; attempt: PasswordAttempt; metadata?: Record<string, string | number | boolean> },
): Promise<SignedIn> {
  // Passkeys (and providers) prove the user without a password: the same rule holds for them.
  try {
    await assertEmailVerifiedForSignIn(user.id, ctx);
  } catch (err) {
    await opts.attempt.abandoned();
    throw err;
  }
  // Independent writes, in parallel.
  const [session] = await Promise.all([
    createSession(user.id, ctx, { level: opts.level }),
    prisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date(), failedLoginCount: 0 }, select: { id: true } }),
    opts.attempt.succeeded(),
  ]);
  await recordAudit({
    type: "login",
    outcome: "success",
    ctx,
    actorId: user.id,
    targetUserId: user.id,
    metadata: { sessionId: session.sessionId, method: opts.method, level: opts.level, ...opts.metadata },
  });
  return { user, ...session };
}
