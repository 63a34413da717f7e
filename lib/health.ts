import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { mailQueueStats, type MailQueueStats } from "@/lib/mail/stats";
import { pingRedis } from "@/lib/security/limiter-store";
import pkg from "@/package.json";
import type { Health } from "@/lib/openapi/schemas";

// GET /api/health. Load balancers poll it: 503 takes the instance out of rotation, so only a
// check the instance cannot serve without makes it 503 (the database). Redis is reported but
// does not: limits fall back to the database while it is away (lib/security/limiter-store.ts),
// and every instance shares one Redis, so a 503 would take all of them out at once.

interface Check {
  status: "ok" | "down";
  latency_ms: number;
}

async function timedCheck(probe: () => Promise<unknown>): Promise<Check> {
  const t0 = performance.now();
  const latency = () => Math.round((performance.now() - t0) * 10) / 10;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), env.DATABASE_CONNECT_TIMEOUT_MS);
  });
  try {
    const ok = await Promise.race([probe(), timeout]);
    return { status: ok === false ? "down" : "ok", latency_ms: latency() };
  } catch {
    return { status: "down", latency_ms: latency() };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, redis] = await Promise.all([
    timedCheck(() => prisma().$queryRaw`SELECT 1`),
    env.REDIS_URL ? timedCheck(pingRedis) : undefined,
  ]);
  const checks: Record<string, Check> = { database, ...(redis && { redis }) };
  // Information that does not change the status: a backlog is not an outage.
  const mail: MailQueueStats | null = database.status === "ok" ? await mailQueueStats().catch(() => null) : null;
  const failed = Object.keys(checks).filter((name) => checks[name].status !== "ok");
  return {
    // "down": a required check failed (503); "degraded": only an optional one (200).
    status: database.status !== "ok" ? ("down" as const) : failed.length ? ("degraded" as const) : ("ok" as const),
    version: pkg.version,
    uptime_s: Math.round(process.uptime()),
    checks,
    failed,
    mail,
  };
}
