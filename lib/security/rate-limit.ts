import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { hashEmail, recordAudit } from "@/lib/audit/audit";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { ipLimitKey, type RequestContext } from "@/lib/http/request-context";
import { metrics } from "@/lib/observability/metrics";
import { consumeBatched } from "./batched-limit";
import { storeLimiter } from "./limiter-store";

const LIMITS = {
  loginIp: () => env.RATE_LIMIT_LOGIN_IP,
  loginEmail: () => env.RATE_LIMIT_LOGIN_EMAIL,
  apiIp: () => env.RATE_LIMIT_API_IP,
  registerIp: () => env.RATE_LIMIT_REGISTER_IP,
  registerEmail: () => env.RATE_LIMIT_REGISTER_EMAIL,
  forgotIp: () => env.RATE_LIMIT_FORGOT_IP,
  forgotEmail: () => env.RATE_LIMIT_FORGOT_EMAIL,
} as const;

export type LimitName = keyof typeof LIMITS;
type IpLimit = Extract<LimitName, `${string}Ip`>;
type EmailLimit = Extract<LimitName, `${string}Email`>;

/** Counts one hit from the client's IP (IPv6 by /64); 429 when over the limit. */
export function limitByIp(name: IpLimit, ctx: RequestContext): Promise<void> {
  return enforceLimit(name, ipLimitKey(ctx.ip), ctx);
}

/** Counts one hit for a normalized email (keyed by its hash); 429 when over the limit. */
export function limitByEmail(name: EmailLimit, email: string, ctx: RequestContext): Promise<void> {
  return enforceLimit(name, hashEmail(email), ctx);
}

export function rateLimited(retryAfterS: number): ApiError {
  return new ApiError(
    "rate_limit_exceeded",
    `Too many attempts, try again in ${retryAfterS} s`,
    { retry_after: retryAfterS },
    { "retry-after": String(retryAfterS) },
  );
}

/** How an email stands against a per-email limit right now (support's "why can't they sign in?"). */
export async function emailLimitState(name: EmailLimit, email: string) {
  const { points, duration } = LIMITS[name]();
  const res = await storeLimiter(name, points, duration).get(hashEmail(email));
  const exceeded = env.RATE_LIMITS_ENABLED && res !== null && res.consumedPoints > points;
  return { exceeded, retryAfterS: exceeded ? Math.ceil(res!.msBeforeNext / 1000) : 0, points, duration };
}

/** Forgets an email's count under a per-email limit (staff unlock). */
export async function resetEmailLimit(name: EmailLimit, email: string): Promise<void> {
  const { points, duration } = LIMITS[name]();
  await storeLimiter(name, points, duration).delete(hashEmail(email));
}

/**
 * Counts one hit against a named limit and throws 429 when it is exceeded. Keys are IPs or
 * email hashes, never raw emails. The first refusal in each window is audited.
 */
async function enforceLimit(name: LimitName, key: string, ctx: RequestContext): Promise<void> {
  if (!env.RATE_LIMITS_ENABLED) return;
  const { points, duration } = LIMITS[name]();
  const limiter = storeLimiter(name, points, duration);
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
