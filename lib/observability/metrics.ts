import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics (SPEC 8), one registry per process, served at GET /api/metrics. Each
// app instance is scraped on its own, as Prometheus expects. Labels never carry user data:
// routes are patterns (`/api/users/[id]`), results and limits are fixed words.

export type LoginResult = "success" | "mfa_required" | "invalid_credentials" | "invalid_code" | "locked" | "email_unverified" | "rate_limited" | "busy" | "error";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    httpRequests: new Counter({
      name: "http_requests_total",
      help: "JSON API requests by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "JSON API request duration by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    loginAttempts: new Counter({
      name: "auth_login_attempts_total",
      help: "Password sign-ins (browser and API) by result",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "auth_rate_limited_total",
      help: "Requests refused by a rate limit, by limit",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
    limiterFallbacks: new Counter({
      name: "rate_limit_store_fallbacks_total",
      help: "Rate-limit and lockout operations answered by the fallback store because their own store was unreachable, by the store that failed",
      labelNames: ["store"] as const,
      registers: [registry],
    }),
    lockouts: new Counter({
      name: "auth_lockouts_total",
      help: "Sign-in lockouts started (threshold of failures reached)",
      registers: [registry],
    }),
    activeSessions: new Gauge({
      name: "auth_active_sessions",
      help: "Sessions not yet expired (all instances: counted in the database at scrape time)",
      registers: [registry],
    }),
    mailSent: new Counter({
      name: "mail_sent_total",
      help: "Mail accepted by the SMTP server, by kind (this instance's workers)",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    mailFailed: new Counter({
      name: "mail_failed_total",
      help: "Failed mail sends by kind and outcome: retry (queued again with backoff) or dead (no more tries)",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    mailQueueDepth: new Gauge({
      name: "mail_queue_depth",
      help: "Mail queued and not yet delivered (all instances: counted in the database at scrape time)",
      registers: [registry],
    }),
    dbDuration: new Histogram({
      name: "db_query_duration_seconds",
      help: "Database operations through Prisma, by model and operation",
      labelNames: ["model", "operation"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
  return metrics;
}

// On globalThis: a dev-server reload must not register the same metric names twice.
const holder = globalThis as unknown as { latchkeyMetrics?: ReturnType<typeof create> };

export function metrics() {
  holder.latchkeyMetrics ??= create();
  return holder.latchkeyMetrics;
}

/**
 * A route's pattern from its path and the segment values Next resolved for it:
 * `/api/users/ck…/unlock` with `{ id: "ck…" }` -> `/api/users/[id]/unlock`.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  // A static route's pattern is its path.
  if (Object.keys(params).length === 0) return pathname;
  const names = new Map<string, string>();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) names.set(v, `[...${key}]`);
    else names.set(value, `[${key}]`);
  }
  // A catch-all's segments are one label however many there are (bounded label values).
  return pathname
    .split("/")
    .map((segment) => names.get(decodeSegment(segment)) ?? segment)
    .filter((segment, i, all) => !(segment.startsWith("[...") && all[i - 1] === segment))
    .join("/");
}

/** The label of a request the URL rule refused before its route was known (its path is the client's). */
export const REFUSED_URL_PATTERN = "(refused url)";

/** A path segment decoded; as it is when it is not valid percent-encoding (the URL rule refuses those, but this runs on every answer). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const labels = { method, route, status: String(status) };
  metrics().httpRequests.inc(labels);
  metrics().httpDuration.observe(labels, seconds);
}
