import "server-only";
import { Redis } from "ioredis";
import {
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { prisma, rawClient } from "@/lib/db/client";
import { env } from "@/lib/env";

// Counters for rate limits and lockouts live where every instance sees them: the app's
// own database by default (one atomic INSERT … ON CONFLICT per hit, table rate_limits),
// or Redis when REDIS_URL is set.

const globalForLimiters = globalThis as unknown as {
  latchkeyLimiters?: Map<string, RateLimiterAbstract>;
  latchkeyRedis?: Redis;
};

function redis(): Redis {
  globalForLimiters.latchkeyRedis ??= new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  return globalForLimiters.latchkeyRedis;
}

/** A limiter counting `points` per `duration` seconds under the key prefix `name`. */
export function storeLimiter(name: string, points: number, duration: number): RateLimiterAbstract {
  const cache = (globalForLimiters.latchkeyLimiters ??= new Map());
  const id = `${name}:${points}:${duration}`;
  let limiter = cache.get(id);
  if (!limiter) {
    limiter = env.REDIS_URL
      ? new RateLimiterRedis({ storeClient: redis(), keyPrefix: `latchkey:${name}`, points, duration })
      : new RateLimiterPostgres({
          storeClient: rawClient(),
          storeType: "client",
          tableName: "rate_limits",
          tableCreated: true,
          keyPrefix: name,
          points,
          duration,
        });
    cache.set(id, limiter);
  }
  return limiter;
}

export async function closeLimiterStore(): Promise<void> {
  globalForLimiters.latchkeyLimiters = undefined;
  const r = globalForLimiters.latchkeyRedis;
  globalForLimiters.latchkeyRedis = undefined;
  if (r) await r.quit();
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
