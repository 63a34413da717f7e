// npm run bench:pages — server-rendered pages: GET /dashboard signed in (session cookie) and
// GET /login signed out, renders/s and p95 at 16 connections, medians of BENCH_ROUNDS (3)
// rounds of BENCH_DURATION_S (10) seconds, alternating. Before the load, it counts the
// database operations of one dashboard render from the server's own metrics
// (db_query_duration_seconds, which times every Prisma operation): the counts over
// BENCH_QUERY_SAMPLES (20) sequential renders, minus what the scrape itself costs, per render.
import { cleanup, database, load, median, registerViaApi, report, round, startServer } from "./harness.mjs";

const duration = Number(process.env.BENCH_DURATION_S ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const samples = Number(process.env.BENCH_QUERY_SAMPLES ?? 20);
const METRICS_TOKEN = "bench-metrics-token-0123456789abcdef0123";

/** db_query_duration_seconds_count by "Model.operation", from one scrape. */
async function queryCounts(url) {
  const text = await (await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const counts = {};
  for (const m of text.matchAll(/^db_query_duration_seconds_count\{model="([^"]*)",operation="([^"]*)"\} (\d+)/gm)) counts[`${m[1]}.${m[2]}`] = Number(m[3]);
  return counts;
}

const diff = (after, before) => Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v > 0));

async function queriesPerRender(url, path, headers) {
  const a = await queryCounts(url);
  const b = await queryCounts(url); // what one scrape costs
  for (let i = 0; i < samples; i++) {
    const res = await fetch(`${url}${path}`, { headers, redirect: "manual" });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    await res.text();
  }
  const c = await queryCounts(url);
  const scrape = diff(b, a);
  const perRender = {};
  for (const [k, v] of Object.entries(diff(c, b))) {
    const n = round((v - (scrape[k] ?? 0)) / samples, 2);
    if (n > 0) perRender[k] = n;
  }
  return { total: round(Object.values(perRender).reduce((s, n) => s + n, 0), 2), by_operation: perRender };
}

try {
  const databaseUrl = await database();
  const { url } = await startServer({ DATABASE_URL: databaseUrl, BCRYPT_COST: "10", METRICS_TOKEN });
  const token = await registerViaApi(url, `pages-${Date.now()}@bench.test`, "Bench-Password-12!");
  // http://localhost APP_URL: the cookie is not __Secure- (lib/auth/session-cookie.ts).
  const signedIn = { cookie: `authjs.session-token=${token}` };
  const pages = { dashboard: { path: "/dashboard", headers: signedIn }, login: { path: "/login", headers: {} } };

  const queries = {};
  for (const [name, p] of Object.entries(pages)) queries[name] = await queriesPerRender(url, p.path, p.headers);

  const runs = { dashboard: [], login: [] };
  for (const p of Object.values(pages)) await load({ url: `${url}${p.path}`, headers: p.headers, duration: 2, connections: 16 });
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? ["login", "dashboard"] : ["dashboard", "login"]) {
      const result = await load({ url: `${url}${pages[name].path}`, headers: pages[name].headers, duration, connections: 16 });
      if (result.non_2xx || result.errors) console.error(`warning: ${name} round ${r + 1}: ${result.non_2xx} non-2xx, ${result.errors} errors`);
      runs[name].push(result);
    }
  }
  const fig = (name) => ({
    renders_per_s: median(runs[name].map((x) => x.requests_per_s)),
    p95_ms: median(runs[name].map((x) => x.p95_ms)),
    runs: runs[name].map((x) => x.requests_per_s),
    queries_per_render: queries[name],
  });
  const dashboard = fig("dashboard");
  const login = fig("login");
  const ops = (q) => Object.entries(q.by_operation).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  report(
    "pages",
    { connections: 16, duration_s: duration, rounds, dashboard, login },
    `bench:pages  /dashboard (signed in) ${dashboard.renders_per_s} renders/s, p95 ${dashboard.p95_ms} ms, ${dashboard.queries_per_render.total} db operations per render (${ops(dashboard.queries_per_render)}) | /login ${login.renders_per_s} renders/s, p95 ${login.p95_ms} ms, ${login.queries_per_render.total} db operations per render`,
  );
} finally {
  await cleanup();
}
