import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Redis stops under a running app (a real redis-server, killed and started again on the same
// port): limits and lockouts fall back to the database, are counted, never answer 5xx, and
// go back to Redis when it returns.
const { port } = await vi.hoisted(async () => {
  const { freePort } = await import("@/scripts/free-port.mjs");
  const port = await freePort();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.RATE_LIMIT_LOGIN_EMAIL = "1000/3600";
  return { port };
});

import { GET as health } from "@/app/api/health/route";
import { POST as login } from "@/app/api/auth/login/route";
import { prisma } from "@/lib/db/client";
import { metrics } from "@/lib/observability/metrics";
import { closeLimiterStore, pingRedis } from "@/lib/security/limiter-store";
import { callRoute, randomEmail, randomIp } from "@/lib/testing/http";

let server: ChildProcess | undefined;
let client: Redis;

async function startRedis() {
  server = spawn(process.env.REDIS_SERVER_BIN ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 100 && !(await pingRedis()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await pingRedis()).toBe(true);
}

async function stopRedis() {
  const s = server!;
  s.kill("SIGKILL");
  await new Promise((r) => s.once("exit", r));
  server = undefined;
}

const fallbacks = async () => (await metrics().limiterFallbacks.get()).values.find((v) => v.labels.store === "redis")?.value ?? 0;
const signIn = (ip: string, email = randomEmail()) =>
  callRoute(login, "/api/auth/login", { body: { email, password: "Whatever-1x" }, headers: { "x-forwarded-for": ip } });

beforeAll(async () => {
  await startRedis();
  client = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 0, lazyConnect: true });
  client.on("error", () => {}); // the test kills the server it talks to
});

afterAll(async () => {
  await closeLimiterStore();
  client?.disconnect();
  server?.kill();
});

describe("when Redis stops", () => {
  it("limits fall back to the database, lockouts still lock, health reports it without a 5xx, and limits return to Redis when it is back", async () => {
    const before = randomIp();
    await signIn(before);
    await client.connect();
    expect(Number(await client.get(`latchkey:loginIp:${before}`))).toBe(1);
    client.disconnect();

    await stopRedis();
    const counted = await fallbacks();
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await prisma().rateLimit.count({ where: { key: `loginIp:${ip}` } })).toBe(1);
    expect(await fallbacks()).toBeGreaterThan(counted);

    const email = randomEmail();
    const lockStatuses: number[] = [];
    for (let i = 0; i < 6; i++) lockStatuses.push((await signIn(randomIp(), email)).status);
    expect(lockStatuses).toEqual([401, 401, 401, 401, 401, 403]);

    const report = await callRoute(health, "/api/health");
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({ status: "degraded", failed: ["redis"], checks: { database: { status: "ok" }, redis: { status: "down" } } });

    await startRedis();
    const after = randomIp();
    await signIn(after);
    await client.connect();
    expect(Number(await client.get(`latchkey:loginIp:${after}`))).toBe(1);
    expect(await prisma().rateLimit.count({ where: { key: `loginIp:${after}` } })).toBe(0);
    expect((await callRoute(health, "/api/health")).json).toMatchObject({ status: "ok", failed: [] });
  }, 120_000);
});
