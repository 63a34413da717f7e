import "server-only";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { prisma, rawClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";

// Counters for rate limits and lockouts live where every instance sees them: the app's
// own database by default (one atomic INSERT … ON CONFLICT per hit, table rate_limits),
// or Redis when REDIS_URL is set.
//
// A store that cannot be reached must not turn every request into a 5xx, nor switch the
// limits off: each limiter has an insurance limiter (rate-limiter-flexible) that answers
// while its store is down. Redis falls back to the database (still shared by every
// instance), the database to this instance's memory. Each fallback is counted in
// rate_limit_store_fallbacks_total{store}; Redis going away and coming back is logged.

const globalForLimiters = globalThis as unknown as {
  latchkeyLimiters?: Map<string, RateLimiterAbstract>;
  latchkeyRedis?: Redis;
};

// A command waits at most this long for a Redis that stopped answering.
const REDIS_COMMAND_TIMEOUT_MS = 500;

function redis(): Redis {
  if (!globalForLimiters.latchkeyRedis) {
    const client = new Redis(env.REDIS_URL!, {
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // Reconnect quickly: limits go back to Redis within about a second of its return.
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    let down = false;
    const markDown = (reason: string) => {
      if (down) return;
      down = true;
      log.warn({ reason }, "redis unreachable; rate limits and lockouts fall back to the database");
    };
    client.on("error", (err: Error) => markDown(err.message));
    client.on("close", () => markDown("connection closed"));
    client.on("ready", () => {
      if (!down) return;
      down = false;
      log.info("redis reachable again; rate limits and lockouts back in redis");
    });
    globalForLimiters.latchkeyRedis = client;
  }
  return globalForLimiters.latchkeyRedis;
}

const OPERATIONS = new Set(["consume", "penalty", "reward", "get", "set", "block", "delete"]);

/**
 * The insurance limiter, counting each operation it answers for the store that failed.
 * rate-limiter-flexible 9 hands a failed block() to the insurance with its key parsed back
 * from the prefixed one but keeping the separator (":<key>"), so the lock would land under
 * another key than get() reads: the one leading ":" is taken off here.
 */
function counted<T extends RateLimiterAbstract>(fallback: T, failedStore: "redis" | "database"): T {
  return new Proxy(fallback, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !OPERATIONS.has(prop) || typeof value !== "function") return value;
      return (key: unknown, ...rest: unknown[]) => {
        metrics().limiterFallbacks.inc({ store: failedStore });
        const fixed = prop === "block" && typeof key === "string" && key.startsWith(":") ? key.slice(1) : key;
        return value.call(target, fixed, ...rest);
      };
    },
  });
}

function databaseLimiter(name: string, points: number, duration: number): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: rawClient(),
    storeType: "client",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: name,
    points,
    duration,
    insuranceLimiter: counted(new RateLimiterMemory({ keyPrefix: name, points, duration }), "database"),
  });
}

/** A limiter counting `points` per `duration` seconds under the key prefix `name`. */
export function storeLimiter(name: string, points: number, duration: number): RateLimiterAbstract {
  const cache = (globalForLimiters.latchkeyLimiters ??= new Map());
  const id = `${name}:${points}:${duration}`;
  let limiter = cache.get(id);
  if (!limiter) {
    limiter = env.REDIS_URL
      ? new RateLimiterRedis({
          storeClient: redis(),
          keyPrefix: `latchkey:${name}`,
          points,
          duration,
          // While the connection is down, go straight to the fallback instead of queueing.
          rejectIfRedisNotReady: true,
          insuranceLimiter: counted(databaseLimiter(name, points, duration), "redis"),
        })
      : databaseLimiter(name, points, duration);
    cache.set(id, limiter);
  }
  return limiter;
}

/** Whether Redis answers right now (health check); undefined without REDIS_URL. */
export async function pingRedis(): Promise<boolean | undefined> {
  if (!env.REDIS_URL) return undefined;
  try {
    return (await redis().ping()) === "PONG";
  } catch {
    return false;
  }
}

export async function closeLimiterStore(): Promise<void> {
  globalForLimiters.latchkeyLimiters = undefined;
  const r = globalForLimiters.latchkeyRedis;
  globalForLimiters.latchkeyRedis = undefined;
  if (r) await r.quit().catch(() => r.disconnect());
}

/**
 * Deletes every counter of limiter `name` whose key starts with `prefix` (all the networks'
 * counters of one email, say), in the database or in Redis.
 */
export async function deleteCountersWithPrefix(name: string, prefix: string): Promise<void> {
  if (env.REDIS_URL) {
    const pattern = `latchkey:${name}:${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
    for await (const keys of redis().scanStream({ match: pattern, count: 100 }) as AsyncIterable<string[]>) {
      if (keys.length) await redis().del(...keys);
    }
    return;
  }
  await prisma().rateLimit.deleteMany({ where: { key: { startsWith: `${name}:${prefix}` } } });
}
