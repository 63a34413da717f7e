import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { metrics, type LoginResult } from "@/lib/observability/metrics";
import { accountLocked, clearFailedSignIns, lockRemainingSeconds, recordFailedSignIn } from "@/lib/security/lockout";
import { limitByEmail, limitByIp } from "@/lib/security/rate-limit";
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
 * Order: rate limits (per IP, per email) -> lockout -> password. Unknown email, wrong
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
  // The limits are counted in order (a request refused per IP does not use up the email's
  // budget); reading the lock and the user does not depend on them, so those queries run
  // alongside. A refusal by a limit still wins: Promise.all rejects with it.
  const limits = async () => {
    await limitByIp("loginIp", ctx);
    await limitByEmail("loginEmail", input.email, ctx);
  };
  const [, lockedFor, user] = await Promise.all([
    limits(),
    lockRemainingSeconds(input.email),
    prisma().user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, name: true, role: true, createdAt: true, isActive: true, passwordHash: true, failedLoginCount: true },
    }),
  ]);

  if (lockedFor > 0) {
    await recordAudit({ type: "login", outcome: "failure", ctx, email: input.email, metadata: { reason: "locked" } });
    throw accountLocked(lockedFor);
  }

  const valid = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password);

  if (!user || !valid || !user.isActive) {
    const reason = !user ? "unknown_email" : !user.passwordHash ? "no_password" : !valid ? "wrong_password" : "deactivated";
    // In this order: the failure is in the audit trail before the lockout it may cause.
    await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user?.id, email: input.email, metadata: { reason } });
    await recordFailedSignIn(input.email, user?.id ?? null, ctx);
    throw invalidCredentials();
  }

  const rehash = hashCost(user.passwordHash!) !== env.BCRYPT_COST ? await hashPassword(input.password) : undefined;
  // Independent writes, in parallel. The User row mirrors the failure streak, so a clean
  // sign-in skips the store round trip that forgets it.
  const [session] = await Promise.all([
    createSession(user.id, ctx),
    prisma().user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date(), failedLoginCount: 0, ...(rehash ? { passwordHash: rehash } : {}) },
      select: { id: true },
    }),
    user.failedLoginCount > 0 ? clearFailedSignIns(input.email) : undefined,
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
