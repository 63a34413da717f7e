import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { hashEmail, recordAudit } from "@/lib/audit/audit";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { ipLimitKey, networkKey, type RequestContext } from "@/lib/http/request-context";
import { metrics } from "@/lib/observability/metrics";
import { consumeBatched } from "./batched-limit";
import { deleteCountersWithPrefix, storeLimiter } from "./limiter-store";

const LIMITS = {
  loginIp: () => env.RATE_LIMIT_LOGIN_IP,
  /** Failed sign-ins per email and client network (lib/security/sign-in-guard.ts). */
  loginEmail: () => env.RATE_LIMIT_LOGIN_EMAIL,
  /** Failed sign-ins per email from all networks together: the ceiling. */
  loginEmailGlobal: () => env.RATE_LIMIT_LOGIN_EMAIL_GLOBAL,
  apiIp: () => env.RATE_LIMIT_API_IP,
  registerIp: () => env.RATE_LIMIT_REGISTER_IP,
  registerEmail: () => env.RATE_LIMIT_REGISTER_EMAIL,
  forgotIp: () => env.RATE_LIMIT_FORGOT_IP,
  forgotEmail: () => env.RATE_LIMIT_FORGOT_EMAIL,
  mfaIp: () => env.RATE_LIMIT_MFA_IP,
  forgotEmailGlobal: () => env.RATE_LIMIT_FORGOT_EMAIL_GLOBAL,
  /** Verification and email-change links asked for by a signed-in user. */
  verifyMailUser: () => env.RATE_LIMIT_VERIFY_MAIL_USER,
  verifyMailIp: () => env.RATE_LIMIT_VERIFY_MAIL_IP,
} as const;

export type LimitName = keyof typeof LIMITS;
type IpLimit = Extract<LimitName, `${string}Ip`>;
type EmailLimit = Extract<LimitName, `${string}Email`>;
type UserLimit = Extract<LimitName, `${string}User`>;

export function limitSpec(name: LimitName) {
  return LIMITS[name]();
}

export function limiterFor(name: LimitName) {
  const { points, duration } = LIMITS[name]();
  return storeLimiter(name, points, duration);
}

/** The key of an email's counter: its hash, never the address. */
export const emailKey = (email: string) => hashEmail(email);

/** The key of an email's counter for one client network (IPv4 /24, IPv6 /64). */
export const emailNetworkKey = (email: string, ip: string) => `${hashEmail(email)}:${networkKey(ip)}`;

/** Counts one hit from the client's IP (IPv6 by /64); 429 when over the limit. */
export function limitByIp(name: IpLimit, ctx: RequestContext): Promise<void> {
  return enforceLimit(name, ipLimitKey(ctx.ip), ctx);
}

/** Counts one hit for a normalized email (keyed by its hash); 429 when over the limit. */
export function limitByEmail(name: EmailLimit, email: string, ctx: RequestContext): Promise<void> {
  return enforceLimit(name, emailKey(email), ctx);
}

/** Counts one hit for a signed-in user (keyed by their id); 429 when over the limit. */
export function limitByUser(name: UserLimit, userId: string, ctx: RequestContext): Promise<void> {
  return enforceLimit(name, `user:${userId}`, ctx);
}

/**
 * Counts one hit for an email from the client's network, then for the email as a whole
 * (the ceiling). One network (an attacker's) that uses up its budget for an email leaves
 * the owner's own network its full budget; only many networks together reach the ceiling.
 */
export async function limitByEmailAndNetwork(name: "forgotEmail", ceiling: "forgotEmailGlobal", email: string, ctx: RequestContext): Promise<void> {
  await enforceLimit(name, emailNetworkKey(email, ctx.ip), ctx);
  await enforceLimit(ceiling, emailKey(email), ctx);
}

/** Forgets every counter an email has under a per-network limit and its ceiling (password reset, staff unlock). */
export async function clearEmailLimits(name: "loginEmail" | "forgotEmail", ceiling: "loginEmailGlobal" | "forgotEmailGlobal", email: string): Promise<void> {
  await Promise.all([deleteCountersWithPrefix(name, `${emailKey(email)}:`), limiterFor(ceiling).delete(emailKey(email))]);
}

export function rateLimited(retryAfterS: number): ApiError {
  return new ApiError(
    "rate_limit_exceeded",
    `Too many attempts, try again in ${retryAfterS} s`,
    { retry_after: retryAfterS },
    { "retry-after": String(retryAfterS) },
  );
}

/** A refusal by a limit: counted, audited, and the 429 to throw. */
export async function refuseByLimit(name: LimitName, retryAfterS: number, ctx: RequestContext): Promise<ApiError> {
  const retryAfter = Math.max(1, Math.ceil(retryAfterS));
  metrics().rateLimited.inc({ limit: name });
  await recordAudit({ type: "rate_limited", outcome: "failure", ctx, metadata: { limit: name, retry_after: retryAfter } });
  return rateLimited(retryAfter);
}

/**
 * Counts one hit against a named limit and throws 429 when it is exceeded. Keys are IPs or
 * email hashes, never raw emails. The first refusal in each window is audited.
 */
async function enforceLimit(name: LimitName, key: string, ctx: RequestContext): Promise<void> {
  if (!env.RATE_LIMITS_ENABLED) return;
  const { points } = LIMITS[name]();
  const limiter = limiterFor(name);
  try {
    // The API flood limit, on every JSON request, is counted in batches (batched-limit.ts).
    await (name === "apiIp" ? consumeBatched(limiter, key, points) : limiter.consume(key));
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    metrics().rateLimited.inc({ limit: name });
    if (err.consumedPoints === points + 1) {
      await recordAudit({ type: "rate_limited", outcome: "failure", ctx, metadata: { limit: name, retry_after: retryAfter } });
    }
    throw rateLimited(retryAfter);
  }
}
