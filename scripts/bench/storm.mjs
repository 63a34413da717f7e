// npm run bench:storm — session checks (GET /api/auth/me, 8 connections) while sign-ins
// saturate the hashing pool (16 connections at cost 12). Prints the session p99 and the
// server's event-loop delay p99 (perf_hooks.monitorEventLoopDelay, exposed with BENCH_HOOKS=1),
// and the server's resident memory: idle (5 s after it answers) and the peak during the run.
// BENCH_EMBEDDED=1 runs it on the embedded database (PGlite in a temp folder) instead of
// PostgreSQL; the users signing in are then registered through the API (32 of them, cycled).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cleanup, database, load, registerViaApi, report, round, rssMb, seedUsers, startServer } from "./harness.mjs";

const duration = Number(process.env.BENCH_DURATION_S ?? 15);
const PASSWORD = "Bench-Password-12!";

const embedded = process.env.BENCH_EMBEDDED === "1";

/** Samples the server's RSS every 100 ms until stopped; returns the peak. */
function sampleRss(pid) {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  return () => (clearInterval(timer), peak);
}

try {
  const serverEnv = { BCRYPT_COST: "12", BENCH_HOOKS: "1", HASH_POOL_MAX_QUEUE: "10000" };
  let emails;
  let server;
  if (embedded) {
    server = await startServer({ ...serverEnv, DATABASE_URL: "", PGLITE_DIR: mkdtempSync(path.join(tmpdir(), "latchkey-bench-pglite-")) });
  } else {
    const databaseUrl = await database();
    emails = await seedUsers(databaseUrl, { count: 2000, cost: 12, password: PASSWORD, prefix: `storm-${Date.now()}` });
    server = await startServer({ ...serverEnv, DATABASE_URL: databaseUrl });
  }
  const { url, pid } = server;
  await new Promise((r) => setTimeout(r, 5000));
  const idleRss = rssMb(pid);
  const stopSampling = sampleRss(pid);
  if (embedded) {
    emails = Array.from({ length: 32 }, (_, i) => `storm-${Date.now()}-${i}@bench.test`);
    for (const email of emails) await registerViaApi(url, email, PASSWORD);
  }
  const token = await registerViaApi(url, `storm-${Date.now()}@bench.test`, PASSWORD);
  const me = { url: `${url}/api/auth/me`, duration, connections: 8, headers: { authorization: `Bearer ${token}` } };
  await load({ ...me, duration: 2 });
  // Control: the same session load with no sign-ins, to see what the storm adds.
  await fetch(`${url}/api/bench/event-loop?reset=1`);
  const quiet = await load(me);
  const quietLoop = await (await fetch(`${url}/api/bench/event-loop?reset=1`)).json();

  let next = 0;
  const logins = load({
    url,
    duration: duration + 2,
    connections: 16,
    timeout: 120,
    requests: [{ method: "POST", path: "/api/auth/login", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ email: emails[next++ % emails.length], password: PASSWORD }) }) }],
  });
  await new Promise((r) => setTimeout(r, 1000)); // let the pool fill
  const sessions = await load(me);
  const loop = await (await fetch(`${url}/api/bench/event-loop`)).json();
  const signIns = await logins;
  const memory = { database: embedded ? "embedded" : "postgresql", idle_rss_mb: idleRss, peak_rss_mb: stopSampling() };
  report(
    "storm",
    { sessions, logins: signIns, event_loop: loop, control: { sessions: quiet, event_loop: quietLoop }, memory },
    `bench:storm  [${memory.database}] RSS idle ${memory.idle_rss_mb} MB, peak ${memory.peak_rss_mb} MB | session p99 ${sessions.p99_ms} ms at ${sessions.requests_per_s} req/s (target < 100 ms) | event-loop delay p99 ${loop.p99_ms} ms (target < 20 ms) | ${round(signIns.requests_per_s, 2)} logins/s alongside | control without sign-ins: session p99 ${quiet.p99_ms} ms at ${quiet.requests_per_s} req/s, loop delay p99 ${quietLoop.p99_ms} ms`,
  );
} finally {
  await cleanup();
}
