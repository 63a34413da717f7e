// npm run bench:login — distinct users signing in, at bcrypt cost 12 and at cost 10.
// Prints logins/s and its ratio to the bound cores x 1000 / compare_ms (compare_ms measured
// in this run), plus the login p95 at low load (one request at a time) against one compare.
import { cleanup, database, load, machine, measureCompareMs, percentile, report, round, seedUsers, startServer } from "./harness.mjs";

const duration = Number(process.env.BENCH_DURATION_S ?? 20);
const PASSWORD = "Bench-Password-12!";

async function run(databaseUrl, cost) {
  const emails = await seedUsers(databaseUrl, { count: 2000, cost, password: PASSWORD, prefix: `login-c${cost}-${Date.now()}` });
  const server = await startServer({ DATABASE_URL: databaseUrl, BCRYPT_COST: String(cost), HASH_POOL_MAX_QUEUE: "10000" });
  let next = 0;
  const body = () => JSON.stringify({ email: emails[next++ % emails.length], password: PASSWORD });

  // Low load: one sign-in at a time, after three warm-up sign-ins.
  const lowLoad = [];
  for (let i = -3; i < 20; i++) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: body() });
    if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
    if (i >= 0) lowLoad.push(performance.now() - t0);
  }

  const compareMs = measureCompareMs(cost);
  const cores = machine().cores;
  const bound = (cores * 1000) / compareMs;
  const result = await load({
    url: server.url,
    duration,
    connections: cores * 4,
    timeout: 60,
    requests: [{ method: "POST", path: "/api/auth/login", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  await server.stop();
  return {
    cost,
    compare_ms: round(compareMs),
    bound_logins_per_s: round(bound, 2),
    logins_per_s: round(result.requests_per_s, 2),
    ratio_to_bound: round(result.requests_per_s / bound, 2),
    loaded_p50_ms: result.p50_ms,
    loaded_p99_ms: result.p99_ms,
    low_load_p95_ms: round(percentile(lowLoad, 95)),
    low_load_budget_ms: round(compareMs + 30),
    non_2xx: result.non_2xx,
  };
}

try {
  const databaseUrl = await database();
  const results = [];
  for (const cost of [12, 10]) results.push(await run(databaseUrl, cost));
  const line = results
    .map((r) => `cost ${r.cost}: ${r.logins_per_s} logins/s = ${r.ratio_to_bound} of bound ${r.bound_logins_per_s} (compare ${r.compare_ms} ms); low-load p95 ${r.low_load_p95_ms} ms (budget ${r.low_load_budget_ms} ms)`)
    .join(" | ");
  report("login", { results }, `bench:login  ${line} (targets: >= 0.85 of bound at cost 12; p95 <= compare + 30 ms)`);
} finally {
  await cleanup();
}
