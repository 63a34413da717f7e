import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

// The per-IP API limit is counted on every JSON request. Asking the shared store each time
// (one upsert in PostgreSQL, one Redis call) put a database round trip in front of every
// handler. Instead, while a key is well under its limit, this instance counts hits in memory
// and sends them to the store in one call per key every FLUSH_MS; the store's answer is what
// the next decisions start from. From half the limit on, and for a key's first hit, every hit
// waits for the store, as before, so refusals are decided on the shared count.
//
// The trade-off: with N instances, hits on the fast path reach the store up to FLUSH_MS
// late, so one client spread over N instances can get up to N × points/2 hits into a window
// before any instance refuses (points/2 on one instance). Fine for a flood limit sized in
// the hundreds per minute; the sign-in, registration and recovery limits do not use this.

export const FLUSH_MS = 250;

interface Entry {
  /** The store's count for the key at its last answer, plus hits sent since. */
  known: number;
  /** Hits let through here and not yet sent. */
  pending: number;
  /** When the store's window for the key ends (epoch ms). */
  resetAt: number;
}

interface Batcher {
  entries: Map<string, Entry>;
  timer?: NodeJS.Timeout;
}

const batchers = new WeakMap<RateLimiterAbstract, Batcher>();

function batcherOf(limiter: RateLimiterAbstract): Batcher {
  let b = batchers.get(limiter);
  if (!b) batchers.set(limiter, (b = { entries: new Map() }));
  return b;
}

/** Sends `points` hits for `key` to the store and records its answer; resolves to it (refusals included). */
async function send(limiter: RateLimiterAbstract, b: Batcher, key: string, points: number): Promise<RateLimiterRes> {
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(key, points);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    res = err;
  }
  const entry = b.entries.get(key) ?? { known: 0, pending: 0, resetAt: 0 };
  entry.known = res.consumedPoints;
  entry.resetAt = Date.now() + res.msBeforeNext;
  b.entries.set(key, entry);
  return res;
}

function flush(limiter: RateLimiterAbstract, b: Batcher): void {
  b.timer = undefined;
  const now = Date.now();
  for (const [key, entry] of b.entries) {
    if (entry.pending > 0) {
      const points = entry.pending;
      entry.pending = 0;
      // A lost flush only undercounts this batch; the next hit past half the limit asks the store.
      send(limiter, b, key, points).catch(() => {});
    } else if (now >= entry.resetAt) {
      b.entries.delete(key);
    }
  }
  if (b.entries.size > 0) b.timer = setTimeout(() => flush(limiter, b), FLUSH_MS).unref();
}

/**
 * Counts one hit for `key` under `limiter` (a limit of `points` per window); rejects with
 * the store's RateLimiterRes when the hit is refused, as `limiter.consume` does.
 */
export async function consumeBatched(limiter: RateLimiterAbstract, key: string, points: number): Promise<void> {
  const b = batcherOf(limiter);
  const entry = b.entries.get(key);
  const now = Date.now();
  if (entry && now < entry.resetAt && entry.known + entry.pending + 1 <= points / 2) {
    entry.pending++;
    b.timer ??= setTimeout(() => flush(limiter, b), FLUSH_MS).unref();
    return;
  }
  const pending = entry && now < entry.resetAt ? entry.pending : 0;
  if (entry) entry.pending = 0;
  const res = await send(limiter, b, key, pending + 1);
  b.timer ??= setTimeout(() => flush(limiter, b), FLUSH_MS).unref();
  if (res.consumedPoints > points) throw res;
}
