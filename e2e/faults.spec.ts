import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { spawnServer, startPostgres, startServer, type AppServer, type Cluster } from "./support/servers";

// SPEC 13's faults, made for real: a throwaway PostgreSQL cluster stopped and started under
// running `npm start` servers, SIGTERM with requests in flight, slow clients on raw sockets,
// kill -9 during registrations. Short timeouts via the environment keep it quick.

test.describe.configure({ timeout: 120_000 });

const FAST = {
  DATABASE_CONNECT_TIMEOUT_MS: "1000",
  DATABASE_STATEMENT_TIMEOUT_MS: "2000",
  RATE_LIMIT_API_IP: "100000/60",
  RATE_LIMIT_LOGIN_IP: "100000/60",
  RATE_LIMIT_LOGIN_EMAIL: "100000/3600",
  RATE_LIMIT_REGISTER_IP: "100000/3600",
  LOCKOUT_THRESHOLD: "1000",
};

let pgc: Cluster;
test.beforeAll(() => {
  pgc = startPostgres();
});
test.afterAll(() => pgc?.stop());

const newUser = () => {
  const id = randomUUID().slice(0, 8);
  return { email: `fault-${id}@example.test`, name: `Fault ${id}`, password: `Latch-${id}-Key-7!` };
};

async function call(base: string, method: string, route: string, opts: { token?: string; body?: unknown } = {}) {
  const t0 = Date.now();
  const res = await fetch(base + route, {
    method,
    headers: {
      origin: base,
      ...(opts.body !== undefined && { "content-type": "application/json" }),
      ...(opts.token && { authorization: `Bearer ${opts.token}` }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, json, headers: res.headers, ms: Date.now() - t0 };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthy = (base: string) => async () => ((await fetch(`${base}/api/health`)).status === 200 ? true : undefined);

test.describe("PostgreSQL stops under a running app", () => {
  let app: AppServer;
  test.afterAll(async () => app?.stop());

  test("every JSON endpoint answers 503 service_unavailable with Retry-After, health names the database, ping stays 200, pages show the reference, and it recovers by itself", async ({ page }) => {
    app = await startServer({ DATABASE_URL: pgc.url, ...FAST });
    const user = newUser();
    const registered = await call(app.url, "POST", "/api/auth/register", { body: user });
    expect(registered.status).toBe(201);
    const token = registered.json.token as string;

    pgc.down();
    const downAt = Date.now();
    const endpoints: [string, string, { token?: string; body?: unknown }][] = [
      ["POST", "/api/auth/login", { body: { email: user.email, password: user.password } }],
      ["POST", "/api/auth/register", { body: newUser() }],
      ["POST", "/api/auth/password/forgot", { body: { email: user.email } }],
      ["GET", "/api/auth/me", { token }],
      ["GET", "/api/auth/sessions", { token }],
      ["POST", "/api/auth/refresh", { token }],
      ["POST", "/api/auth/logout", { token }],
      ["GET", "/api/users", { token }],
      ["GET", "/api/audit", { token }],
      ["GET", "/api/metrics/summary", { token }],
    ];
    for (const [method, route, opts] of endpoints) {
      const res = await call(app.url, method, route, opts);
      expect(res.status, `${method} ${route}: ${JSON.stringify(res.json)}`).toBe(503);
      expect(res.json).toEqual({ error: "service_unavailable", message: expect.any(String), retry_after: 5, request_id: expect.any(String) });
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.ms, `${method} ${route} answered in ${res.ms} ms`).toBeLessThan(3000);
    }
    const health = await call(app.url, "GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: "down", failed: ["database"], checks: { database: { status: "down" } } });
    expect(health.ms).toBeLessThan(3000);
    const ping = await call(app.url, "GET", "/api/ping");
    expect(ping.status).toBe(200);

    await page.context().addCookies([{ name: "authjs.session-token", value: token, url: app.url }]);
    await page.goto(`${app.url}/dashboard`);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.getByTestId("error-reference")).not.toBeEmpty();
    console.log(`database down: all ${endpoints.length} endpoints 503 within ${Date.now() - downAt} ms in total`);

    pgc.up();
    const upAt = Date.now();
    await waitFor("health 200 after the database returned", healthy(app.url), 15_000);
    const recoveredS = (Date.now() - upAt) / 1000;
    const login = await call(app.url, "POST", "/api/auth/login", { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(200);
    console.log(`database back: healthy after ${recoveredS.toFixed(1)} s`);
    expect(recoveredS).toBeLessThan(10);
  });
});

test.describe("start-up", () => {
  test("an app started while PostgreSQL is down keeps retrying, logs it, and is healthy within seconds of its return", async () => {
    pgc.down();
    const app = spawnServer({ DATABASE_URL: pgc.url, ...FAST, LOG_LEVEL: "info" });
    try {
      await waitFor("a retry logged", async () => (app.output().match(/database unreachable at start; retrying/g)?.length ?? 0) >= 3 || undefined, 20_000);
      expect(app.child.exitCode).toBeNull();
      await expect(fetch(`${app.url}/api/ping`)).rejects.toThrow();
      pgc.up();
      const upAt = Date.now();
      await app.listening;
      await waitFor("healthy", healthy(app.url), 15_000);
      const s = (Date.now() - upAt) / 1000;
      console.log(`started while the database was down: healthy ${s.toFixed(1)} s after its return`);
      expect(s).toBeLessThan(8);
      expect(app.output()).toContain('"message":"database reachable"');
    } finally {
      await app.stop();
    }
  });

  test("SIGTERM while it waits for the database ends the start with exit 0", async () => {
    pgc.down();
    const app = spawnServer({ DATABASE_URL: pgc.url, ...FAST });
    try {
      await waitFor("a retry logged", async () => app.output().includes("database unreachable at start; retrying") || undefined, 20_000);
      const t0 = Date.now();
      app.child.kill("SIGTERM");
      const { code } = await app.exited;
      expect(code).toBe(0);
      expect(app.output()).toContain("SIGTERM during start-up; exiting");
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      pgc.up();
    }
  });

  async function expectFatalExit(app: AppServer, reason: RegExp) {
    const t0 = Date.now();
    const { code } = await app.exited;
    const fatal = app.output().split("\n").filter((line) => line.includes('"level":"fatal"'));
    expect(code).toBe(1);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(reason);
    console.log(`fatal start-up exited 1 after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${fatal[0]}`);
  }

  test("a bad configuration ends the process with exit 1 and one line naming the variable", async () => {
    await expectFatalExit(spawnServer({ DATABASE_URL: pgc.url, DATABASE_POOL_MAX: "0" }), /start-up failed: Invalid configuration.*DATABASE_POOL_MAX/);
  });

  test("a migration that fails ends the process with exit 1 and one line saying why", async () => {
    // A database whose "User" table predates the migrations: the first one cannot apply.
    const name = `broken_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: pgc.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = pgc.url.replace(/\/[^/]+$/, `/${name}`);
    const broken = new pg.Client({ connectionString: url });
    await broken.connect();
    await broken.query(`CREATE TABLE "User" (id int)`);
    await broken.end();
    await expectFatalExit(spawnServer({ DATABASE_URL: url }), /start-up failed: Migration 20261126000000_init failed: relation .*User.* already exists/);
  });

  test("an embedded database held by another live process ends the start with exit 1 naming the holder", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "latchkey-lock-")), "pglite");
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    try {
      const stat = readFileSync(`/proc/${holder.pid}/stat`, "utf8");
      const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
      const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
      writeFileSync(`${dir}.lock`, JSON.stringify({ pid: holder.pid, start, boot }));
      await expectFatalExit(spawnServer({ DATABASE_URL: "", PGLITE_DIR: dir }), new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });
});

test.describe("SIGTERM", () => {
  test("answers the 20 requests in flight with Connection: close, cuts a stalled upload at the grace period, closes the database, exits 0", async () => {
    const grace = 3;
    const app = await startServer({ DATABASE_URL: pgc.url, ...FAST, SHUTDOWN_GRACE_S: String(grace) });

    // An upload that never finishes: it would hold the process without the grace period.
    const stalled = net.connect(app.port, "127.0.0.1");
    await new Promise((r) => stalled.once("connect", r));
    stalled.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em`);
    const stalledClosed = new Promise<number>((r) => stalled.once("close", () => r(Date.now())));
    stalled.on("error", () => {});

    // 20 keep-alive clients, each in the middle of sending a request when SIGTERM comes: the
    // body's second half follows 300 ms after it. (An invalid sign-in: 400 without bcrypt,
    // so the answer does not depend on how busy the machine is.)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const body = JSON.stringify({ email: "not-an-email", password: "x" });
    const send = (hold?: Promise<unknown>) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(
          { agent, host: "127.0.0.1", port: app.port, path: "/api/auth/login", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on("error", reject);
        if (!hold) return void req.end(body);
        req.write(body.slice(0, 10));
        void hold.then(() => req.end(body.slice(10)));
      });
    // Warm 20 sockets so that they are kept alive, then start the batch that SIGTERM interrupts.
    expect((await Promise.all(Array.from({ length: 20 }, () => send()))).map((r) => r.status)).toEqual(Array(20).fill(400));
    let signalled!: () => void;
    const afterSignal = new Promise<void>((r) => (signalled = r)).then(() => new Promise((r) => setTimeout(r, 300)));
    const inFlight = Array.from({ length: 20 }, () => send(afterSignal));
    await new Promise((r) => setTimeout(r, 200));
    const termAt = Date.now();
    app.child.kill("SIGTERM");
    signalled();
    const results = await Promise.all(inFlight);
    expect(results).toEqual(Array(20).fill({ status: 400, connection: "close" }));
    const { code } = await app.exited;
    const exitS = (Date.now() - termAt) / 1000;
    const stalledS = ((await stalledClosed) - termAt) / 1000;
    agent.destroy();
    console.log(`SIGTERM: 20/20 requests in flight answered with Connection: close, stalled upload cut after ${stalledS.toFixed(1)} s, exit ${code} after ${exitS.toFixed(1)} s`);
    expect(code).toBe(0);
    expect(stalledS).toBeGreaterThanOrEqual(grace - 0.5);
    expect(exitS).toBeLessThan(grace + 3);
    expect(app.output()).toMatch(/stopped after [\d.]+ s; closed: .*database/);
  });
});

test.describe("slow clients", () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startServer({ DATABASE_URL: pgc.url, ...FAST, HTTP_HEADERS_TIMEOUT_MS: "1500", HTTP_REQUEST_TIMEOUT_MS: "3000" });
  });
  test.afterAll(async () => app?.stop());

  /** Sends `head` and then one byte of `trickle` every 200 ms; resolves with seconds until the server closed, and what it answered. */
  async function slowClient(head: string, trickle: string) {
    const socket = net.connect(app.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const t0 = Date.now();
    let answer = "";
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("error", () => {});
    socket.write(head);
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && i < trickle.length) socket.write(trickle[i++]);
    }, 200);
    await new Promise((r) => socket.once("close", r));
    clearInterval(timer);
    return { s: (Date.now() - t0) / 1000, answer };
  }

  test("headers that never finish are cut after HTTP_HEADERS_TIMEOUT_MS", async () => {
    const { s, answer } = await slowClient("GET /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: " + "a".repeat(200));
    console.log(`slow headers: closed after ${s.toFixed(1)} s (${answer.split("\r\n")[0] || "no answer"})`);
    expect(s).toBeGreaterThanOrEqual(1.4);
    expect(s).toBeLessThan(3.5);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  test("a body that never finishes is cut after HTTP_REQUEST_TIMEOUT_MS", async () => {
    const { s, answer } = await slowClient(
      "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n",
      '{"email":"' + "a".repeat(400),
    );
    console.log(`slow body: closed after ${s.toFixed(1)} s (${answer.split("\r\n")[0] || "no answer"})`);
    expect(s).toBeGreaterThanOrEqual(2.9);
    expect(s).toBeLessThan(5.5);
  });
});

test.describe("crash", () => {
  test("kill -9 during registrations on the embedded database: after a restart every account that got 201 signs in", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "latchkey-crash-")), "pglite");
    const env = { DATABASE_URL: "", PGLITE_DIR: dir, ...FAST };
    const app = await startServer(env);
    const created: { email: string; password: string }[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const user = newUser();
        try {
          const res = await call(app.url, "POST", "/api/auth/register", { body: user });
          if (res.status === 201) created.push(user);
        } catch {
          return; // the server died under this request
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await waitFor("some registrations", async () => created.length >= 10 || undefined, 30_000);
    app.child.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    await app.exited;

    const again = await startServer(env, app.port);
    try {
      for (const user of created) {
        const res = await call(again.url, "POST", "/api/auth/login", { body: user });
        expect(res.status, `${user.email}: ${JSON.stringify(res.json)}`).toBe(200);
      }
      console.log(`crash: ${created.length} accounts answered 201 before kill -9; all sign in after the restart`);
    } finally {
      await again.stop();
    }
  });
});
