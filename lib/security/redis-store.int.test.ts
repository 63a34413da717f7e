import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A real redis-server (Debian's package; .ci/run installs it) started by this test.
const { port } = await vi.hoisted(async () => {
  const { freePort } = await import("@/scripts/free-port.mjs");
  const port = await freePort();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.RATE_LIMIT_LOGIN_EMAIL = "1000/3600";
  return { port };
});

import { POST as login } from "@/app/api/auth/login/route";
import { hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { closeLimiterStore, pingRedis } from "@/lib/security/limiter-store";
import { callRoute, randomEmail, randomIp } from "@/lib/testing/http";

let server: ChildProcess;
let client: Redis;

beforeAll(async () => {
  server = spawn(process.env.REDIS_SERVER_BIN ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  client = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
  for (let i = 0; i < 50; i++) {
    try {
      await client.connect();
      break;
    } catch {
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  expect(await client.ping()).toBe("PONG");
  // As the server does at start (lib/lifecycle.ts): the first counts go to Redis, not the fallback.
  expect(await pingRedis()).toBe(true);
});

afterAll(async () => {
  await closeLimiterStore();
  client?.disconnect();
  server?.kill();
});

describe("limits and lockouts in Redis when REDIS_URL is set", () => {
  it("counts sign-ins per IP in Redis, not in the database, and refuses the sixth", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "Whatever-1x" }, headers: { "x-forwarded-for": ip } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(await client.get(`latchkey:loginIp:${ip}`))).toBe(6);
    expect(await prisma().rateLimit.count({ where: { key: `loginIp:${ip}` } })).toBe(0);
  });

  it("keeps the lockout streak and the lock in Redis", async () => {
    const email = randomEmail();
    for (let i = 0; i < 5; i++) await callRoute(login, "/api/auth/login", { body: { email, password: "Whatever-1x" } });
    const locked = await callRoute(login, "/api/auth/login", { body: { email, password: "Whatever-1x" } });
    expect(locked.status).toBe(403);
    expect(await client.exists(`latchkey:loginLock:${hashEmail(email)}`)).toBe(1);
    expect(await client.pttl(`latchkey:loginLock:${hashEmail(email)}`)).toBeGreaterThan(1_700_000);
  });
});
