import "server-only";
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { env } from "@/lib/env";
import { busy } from "@/lib/http/errors";

// bcryptjs is pure JavaScript: at cost 12 a compare is ~375 ms of CPU. It runs in a worker
// pool so the event loop keeps serving session checks; the queue is bounded so that a
// sign-in storm is answered with 503 busy (thrown here, for every caller) instead of
// waiting forever.

const HASH_WORKER_YOUNG_MB = 4;
const HASH_WORKER_OLD_MB = 64;

const globalForPool = globalThis as unknown as { latchkeyHashPool?: Piscina };

function pool(): Piscina {
  if (!globalForPool.latchkeyHashPool) {
    const threads = env.HASH_POOL_SIZE ?? availableParallelism();
    globalForPool.latchkeyHashPool = new Piscina({
      filename: path.join(process.cwd(), "lib", "auth", "hash-worker.mjs"),
      minThreads: threads,
      maxThreads: threads,
      maxQueue: env.HASH_POOL_MAX_QUEUE,
      idleTimeout: 60_000,
      // Each worker is its own V8 isolate; bcryptjs keeps almost nothing alive but makes
      // short-lived garbage on every round, which grew each worker's young generation to
      // V8's default maximum during a sign-in storm. A small one costs more scavenges of
      // almost nothing; the old generation cap is far above what a worker holds (~5 MB).
      resourceLimits: { maxYoungGenerationSizeMb: HASH_WORKER_YOUNG_MB, maxOldGenerationSizeMb: HASH_WORKER_OLD_MB },
      workerData: { nice: env.HASH_WORKER_NICE },
    });
  }
  return globalForPool.latchkeyHashPool;
}

async function run<T>(name: "hash" | "compare", args: object): Promise<T> {
  try {
    return await pool().run(args, { name });
  } catch (err) {
    if (err instanceof Error && /queue is at limit/i.test(err.message)) throw busy();
    throw err;
  }
}

export function hashPassword(password: string, cost = env.BCRYPT_COST): Promise<string> {
  return run<string>("hash", { password, cost });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return run<boolean>("compare", { password, hash });
}

export function hashCost(hash: string): number {
  return bcrypt.getRounds(hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares the password against a hash of a random secret at the configured cost, so an
 * unknown email costs the same time as a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}

/**
 * Warms every worker (module load and JIT of bcryptjs) and the dummy hash at server start,
 * so the first sign-ins are not slower than the rest.
 */
export function warmHashing(): Promise<unknown> {
  const p = pool();
  const warmups = Array.from({ length: p.options.maxThreads }, () => hashPassword("warm-up", 4));
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return Promise.all([...warmups, dummyHash]);
}

export function hashPoolStats() {
  const p = pool();
  return { threads: p.threads.length, queued: p.queueSize, utilization: p.utilization };
}
