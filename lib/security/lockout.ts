import "server-only";
import { recordAudit, hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { metrics } from "@/lib/observability/metrics";
import { storeLimiter } from "./limiter-store";

// Lockout is counted per normalized email whether or not the account exists, so a lock
// (and its answer) reveals nothing about which emails are registered. Two counters in the
// shared store: failures within the window, and the lock itself. The User row mirrors
// them for real accounts so staff can see the streak.

const failures = () => storeLimiter("loginFailures", env.LOCKOUT_THRESHOLD, env.LOCKOUT_WINDOW_S);
const locks = () => storeLimiter("loginLock", 1, env.LOCKOUT_DURATION_S);

export function accountLocked(retryAfterS: number): ApiError {
  return new ApiError("account_locked", "Too many failed sign-ins; try again later or reset your password", {
    retry_after: retryAfterS,
  });
}

/** Seconds until the lock on this email ends, or 0 when it is not locked. */
export async function lockRemainingSeconds(email: string): Promise<number> {
  const res = await locks().get(hashEmail(email));
  return res && res.consumedPoints > 0 && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
}

/**
 * Reserves the next point of the email's failure streak before a password is compared, and
 * returns its position (1 = the first failure of the window). The counter is atomic, so of
 * any number of concurrent attempts exactly LOCKOUT_THRESHOLD get a position within the
 * threshold: the lockout is exact under concurrency. A right password gives its point
 * back (the streak is forgotten); an attempt refused without a compare returns it.
 */
export async function reserveFailurePoint(email: string): Promise<number> {
  return (await failures().penalty(hashEmail(email), 1)).consumedPoints;
}

export async function returnFailurePoint(email: string): Promise<void> {
  await failures().reward(hashEmail(email), 1);
}

/**
 * Records a failure at its reserved position. The request whose failure is at the threshold
 * (exactly one) sets the lock and writes the lockout audit event.
 */
export async function recordFailedSignIn(email: string, userId: string | null, position: number, ctx: RequestContext): Promise<void> {
  const key = hashEmail(email);
  const lockedNow = position === env.LOCKOUT_THRESHOLD;
  let lockedUntil: Date | undefined;
  if (lockedNow) {
    metrics().lockouts.inc();
    await locks().block(key, env.LOCKOUT_DURATION_S);
    lockedUntil = new Date(Date.now() + env.LOCKOUT_DURATION_S * 1000);
    await recordAudit({
      type: "lockout",
      outcome: "failure",
      ctx,
      targetUserId: userId,
      email,
      metadata: { failures: position, lock_s: env.LOCKOUT_DURATION_S },
    });
  }
  if (userId) {
    // Concurrent failures finish in any order: keep the highest count of this streak.
    const n = position;
    await prisma().$executeRaw`
      UPDATE "User" SET "failedLoginCount" = CASE WHEN ${n}::int = 1 THEN 1 ELSE GREATEST("failedLoginCount", ${n}::int) END,
                        "lockedUntil" = COALESCE(to_timestamp(${lockedUntil?.getTime() ?? null}::float8 / 1000) AT TIME ZONE 'UTC', "lockedUntil")
      WHERE "id" = ${userId}`;
  }
}

/** Forgets the failure streak after a successful sign-in. */
export async function clearFailedSignIns(email: string): Promise<void> {
  await failures().delete(hashEmail(email));
}

/** Clears a lock and its failure streak (staff unlock, password reset). */
export async function clearLockout(email: string): Promise<void> {
  const key = hashEmail(email);
  await Promise.all([failures().delete(key), locks().delete(key)]);
  await prisma().user.updateMany({ where: { email }, data: { failedLoginCount: 0, lockedUntil: null } });
}
