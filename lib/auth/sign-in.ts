import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { metrics, type LoginResult } from "@/lib/observability/metrics";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import type { LoginInput } from "@/lib/validation/auth";
import { hashCost, hashPassword, verifyAgainstDummy, verifyPassword } from "./password-hashing";
import { createSession, type SignedIn } from "./sessions";

export const invalidCredentials = () =>
  new ApiError("invalid_credentials", "Email or password is incorrect");

const LOGIN_RESULTS: Record<string, LoginResult> = {
  invalid_credentials: "invalid_credentials",
  account_locked: "locked",
  rate_limit_exceeded: "rate_limited",
  busy: "busy",
};

/**
 * The sign-in decision: the server action, the JSON route and the tests all call this.
 * Order: per-IP limit -> lockout and per-email failure budgets -> password. Unknown email, wrong
 * password and deactivated account look the same to the caller (same error, and a bcrypt
 * compare in every case); the audit trail keeps the reason.
 */
export async function signInWithPassword(input: LoginInput, ctx: RequestContext): Promise<SignedIn> {
  try {
    const signedIn = await decideSignIn(input, ctx);
    metrics().loginAttempts.inc({ result: "success" });
    return signedIn;
  } catch (err) {
    metrics().loginAttempts.inc({ result: (err instanceof ApiError && LOGIN_RESULTS[err.code]) || "error" });
    throw err;
  }
}

async function decideSignIn(input: LoginInput, ctx: RequestContext): Promise<SignedIn> {
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
  // Independent writes, in parallel; the streak (with the point this attempt reserved) is forgotten.
  const [session] = await Promise.all([
    createSession(user.id, ctx),
    prisma().user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date(), failedLoginCount: 0, ...(rehash ? { passwordHash: rehash } : {}) },
      select: { id: true },
    }),
    attempt.succeeded(),
  ]);
  await recordAudit({
    type: "login",
    outcome: "success",
    ctx,
    actorId: user.id,
    targetUserId: user.id,
    metadata: { sessionId: session.sessionId, ...(rehash ? { rehashed: true } : {}) },
  });
  const { id, email, name, role, createdAt } = user;
  return { user: { id, email, name, role, createdAt }, ...session };
}
