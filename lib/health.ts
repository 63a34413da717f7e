import "server-only";
import { prisma } from "@/lib/db/client";
import pkg from "@/package.json";
import type { Health } from "@/lib/openapi/schemas";

const startedAt = Date.now();

export async function checkHealth(): Promise<Health> {
  const t0 = performance.now();
  let database: { status: "ok" | "down"; latency_ms: number };
  try {
    await prisma().$queryRaw`SELECT 1`;
    database = { status: "ok", latency_ms: Math.round((performance.now() - t0) * 10) / 10 };
  } catch {
    database = { status: "down", latency_ms: Math.round(performance.now() - t0) };
  }
  return {
    status: database.status === "ok" ? ("ok" as const) : ("degraded" as const),
    version: pkg.version,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    checks: { database },
  };
}
