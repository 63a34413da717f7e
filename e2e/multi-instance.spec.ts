import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { login, startPostgres, startServer, type AppServer, type Cluster } from "./support/servers";

// Several app instances on one PostgreSQL share rate limits and lockouts, and a client cannot
// buy extra attempts by sending its own X-Forwarded-For.

test.describe.configure({ mode: "serial", timeout: 180_000 });

let pg: Cluster;
let a: AppServer;
let b: AppServer;
let proxiedA: AppServer;
let proxiedB: AppServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  pg = startPostgres();
  [a, b] = [await startServer({ DATABASE_URL: pg.url }), await startServer({ DATABASE_URL: pg.url })];
  // Behind one trusted proxy hop: X-Forwarded-For names the client.
  [proxiedA, proxiedB] = [
    await startServer({ DATABASE_URL: pg.url, TRUST_PROXY: "1" }),
    await startServer({ DATABASE_URL: pg.url, TRUST_PROXY: "1" }),
  ];
});

test.afterAll(async () => {
  await Promise.all([a, b, proxiedA, proxiedB].map((s) => s?.stop()));
  pg?.stop();
});

const unknownEmail = () => `nobody-${randomUUID().slice(0, 8)}@example.test`;
const WRONG = "Wrong-Password-1!";

test("two instances share the per-IP sign-in limit: the sixth attempt is refused", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await login((i % 2 ? b : a).url, unknownEmail(), WRONG)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  const refused = await login(b.url, unknownEmail(), WRONG);
  expect(refused.body).toMatchObject({ error: "rate_limit_exceeded", retry_after: expect.any(Number) });
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);
});

test("without TRUST_PROXY a spoofed X-Forwarded-For does not buy extra attempts", async () => {
  // 127.0.0.1 used up its window above; claiming other addresses changes nothing.
  for (let i = 0; i < 3; i++) {
    const res = await login(a.url, unknownEmail(), WRONG, { "x-forwarded-for": `203.0.113.${i + 1}` });
    expect(res.status).toBe(429);
  }
});

test("a lockout counted on one instance holds on the other", async () => {
  const email = unknownEmail();
  const from = (i: number) => ({ "x-forwarded-for": `198.18.0.${i + 1}` });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await login((i % 2 ? proxiedB : proxiedA).url, email, WRONG, from(i))).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  const locked = await login(proxiedB.url, email, WRONG, from(9));
  expect(locked.status).toBe(403);
  expect(locked.body.error).toBe("account_locked");
});

test("with TRUST_PROXY=1 the proxy's X-Forwarded-For decides the client", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await login(proxiedA.url, unknownEmail(), WRONG, { "x-forwarded-for": "198.18.1.1" })).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  expect((await login(proxiedB.url, unknownEmail(), WRONG, { "x-forwarded-for": "198.18.1.2" })).status).toBe(401);
});
