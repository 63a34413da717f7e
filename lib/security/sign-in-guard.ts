import "server-only";
import { recordAudit, type AuditType } from "@/lib/audit/audit";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";
import { accountLocked, clearFailedSignIns, lockRemainingSeconds, recordFailedSignIn, reserveFailurePoint, returnFailurePoint } from "./lockout";
import { clearEmailLimits, emailKey, emailNetworkKey, limitSpec, limiterFor, refuseByLimit } from "./rate-limit";

// Everything that stands around one password check of an email, whoever asks for it:
// sign-in (lib/auth/sign-in.ts) and re-verification of a signed-in user
// (lib/auth/reauthenticate.ts). In order: the lock, the per-email failure budgets, then a
// reserved point of the failure streak; after the compare, the caller reports the outcome.
//
// The per-email budgets count failures only, per email and client network (IPv4 /24,
// IPv6 /64), under a ceiling per email across all networks: an attacker's wrong passwords
// use up their own network's budget, not the owner's; a successful password reset clears
// them. They are checked before the compare and counted after a failure; concurrent
// failures may pass the check together, which the exact lockout bounds.

export interface PasswordAttempt {
  /** The password was wrong (or there is no such account): the reserved point stays, and may lock. */
  failed(userId: string | null): Promise<void>;
  /** The password was right: the streak is forgotten (the reserved point with it). */
  succeeded(): Promise<void>;
  /** No compare ran (the hashing pool was busy, say): the reserved point goes back. */
  abandoned(): Promise<void>;
}

export interface AttemptAudit {
  /** The audit event a refusal is recorded as (e.g. "login", "password_changed"). */
  type: AuditType;
  actorId?: string | null;
  targetUserId?: string | null;
}

/**
 * Before comparing a password for `email`: 403 account_locked while locked (or when the
 * streak's last point is taken by attempts in flight), 429 when a failure budget is used up;
 * else a reservation to settle with the outcome.
 */
export async function reservePasswordAttempt(email: string, ctx: RequestContext, audit: AttemptAudit): Promise<PasswordAttempt> {
  const refuseLocked = async (seconds: number) => {
    await recordAudit({ type: audit.type, outcome: "failure", ctx, actorId: audit.actorId, targetUserId: audit.targetUserId, email, metadata: { reason: "locked" } });
    return accountLocked(seconds);
  };
  const [lockedFor, budget] = await Promise.all([lockRemainingSeconds(email), failureBudget(email, ctx)]);
  if (lockedFor > 0) throw await refuseLocked(lockedFor);
  if (budget) throw await refuseByLimit(budget.name, budget.retryAfterS, ctx);

  const position = await reserveFailurePoint(email);
  if (position > env.LOCKOUT_THRESHOLD) {
    await returnFailurePoint(email);
    throw await refuseLocked((await lockRemainingSeconds(email)) || env.LOCKOUT_DURATION_S);
  }
  return {
    async failed(userId) {
      await Promise.all([countFailure(email, ctx), recordFailedSignIn(email, userId, position, ctx)]);
    },
    succeeded: () => clearFailedSignIns(email),
    abandoned: () => returnFailurePoint(email),
  };
}

type Budget = { name: "loginEmail" | "loginEmailGlobal"; key: string };

const budgets = (email: string, ctx: RequestContext): Budget[] => [
  { name: "loginEmail", key: emailNetworkKey(email, ctx.ip) },
  { name: "loginEmailGlobal", key: emailKey(email) },
];

/** The first used-up failure budget of this email from this client's network, or null. */
async function failureBudget(email: string, ctx: RequestContext): Promise<{ name: Budget["name"]; retryAfterS: number } | null> {
  if (!env.RATE_LIMITS_ENABLED) return null;
  const states = await Promise.all(budgets(email, ctx).map(async (b) => ({ b, res: await limiterFor(b.name).get(b.key) })));
  for (const { b, res } of states) {
    if (res && res.msBeforeNext > 0 && res.consumedPoints >= limitSpec(b.name).points) return { name: b.name, retryAfterS: res.msBeforeNext / 1000 };
  }
  return null;
}

async function countFailure(email: string, ctx: RequestContext): Promise<void> {
  if (!env.RATE_LIMITS_ENABLED) return;
  await Promise.all(budgets(email, ctx).map((b) => limiterFor(b.name).penalty(b.key, 1)));
}

/** How the email stands against the ceiling of failed sign-ins (support's "why can't they sign in?"). */
export async function signInLimitState(email: string) {
  const { points, duration } = limitSpec("loginEmailGlobal");
  const res = await limiterFor("loginEmailGlobal").get(emailKey(email));
  const exceeded = env.RATE_LIMITS_ENABLED && res !== null && res.msBeforeNext > 0 && res.consumedPoints >= points;
  return { exceeded, retryAfterS: exceeded ? Math.ceil(res!.msBeforeNext / 1000) : 0, points, duration };
}

/** Forgets the email's failed sign-ins in every budget (password reset, staff unlock). */
export function clearSignInLimits(email: string): Promise<void> {
  return clearEmailLimits("loginEmail", "loginEmailGlobal", email);
}
