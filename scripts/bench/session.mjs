// npm run bench:session — the session check (GET /api/auth/me, bearer) and the no-op
// GET /api/ping against a bare Next.js app of the same version (one route handler returning
// JSON, built by harness.mjs bareNextApp), in one run, at 32 connections. On a shared machine
// the capacity moves by 2-5x from one minute to the next, so the figures are interleaved
// finely: a round is BENCH_SLICES (6) cycles of BENCH_SLICE_S (2) seconds of each figure in
// turn (order rotated per cycle); a figure's rate in a round is its requests over its time in
// that round, and a ratio is taken within each round. Medians of BENCH_ROUNDS (3) rounds.
// It also prints each server's CPU time per request over its slices (/proc/<pid>/stat), which
// another process's load moves less than req/s, and bare's CPU per request over ours.
//
// Latchkey runs twice, side by side: rate limits off (RATE_LIMITS_ENABLED=0), and with the
// production defaults (limits on, metrics on) but the API limit raised so that one client
// may load it (the limiter's work stays on the path). BENCH_APP_DIR serves another build of
// Latchkey (e.g. a checkout of main) with the same database and bare app. BENCH_BEFORE_DIR
// adds another build's /api/ping (limits off) as a sixth figure in the same rounds, and
// prints this build's over it: a before/after that the machine's swings do not decide.
import { ROOT, bareNextApp, cleanup, cpuMs, database, load, registerViaApi, report, round, median, startServer } from "./harness.mjs";

const slice = Number(process.env.BENCH_SLICE_S ?? 2);
const slices = Number(process.env.BENCH_SLICES ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const appDir = process.env.BENCH_APP_DIR || ROOT;
const beforeDir = process.env.BENCH_BEFORE_DIR;

try {
  const bare = bareNextApp();
  const databaseUrl = await database();
  // Each round gets new server processes (BENCH_FRESH_SERVERS=0: one set for the whole run).
  // A process keeps its own luck while it lives (what V8 optimised, where its heap landed):
  // with one set, a run's rounds move together and runs of the same code differed by more
  // than 10 %; with a set per round, the median of the rounds samples three.
  const fresh = process.env.BENCH_FRESH_SERVERS !== "0";
  const limitsOff = { DATABASE_URL: databaseUrl, BCRYPT_COST: "10", RATE_LIMITS_ENABLED: "0" };
  let servers = [];
  let auth;
  async function startFigures() {
    await Promise.all(servers.map((s) => s.stop()));
    const bareServer = await startServer({}, { dir: bare.dir, readyPath: "/api/ping" });
    const off = await startServer(limitsOff, { dir: appDir });
    const on = await startServer({ DATABASE_URL: databaseUrl, BCRYPT_COST: "10" }, { dir: appDir });
    const before = beforeDir && (await startServer(limitsOff, { dir: beforeDir }));
    servers = [bareServer, off, on, ...(before ? [before] : [])];
    auth ??= { authorization: `Bearer ${await registerViaApi(on.url, `session-${Date.now()}@bench.test`, "Bench-Password-12!")}` };
    // `pid`: whose CPU time a slice is charged to (server CPU per request, a steadier figure
    // than req/s on a shared machine: another process's load slows both, but costs neither).
    const figures = {
      bare_ping: { url: `${bareServer.url}/api/ping`, pid: bareServer.pid },
      ping_off: { url: `${off.url}/api/ping`, pid: off.pid },
      me_off: { url: `${off.url}/api/auth/me`, headers: auth, pid: off.pid },
      ping_on: { url: `${on.url}/api/ping`, pid: on.pid },
      me_on: { url: `${on.url}/api/auth/me`, headers: auth, pid: on.pid },
      ...(before && { ping_before: { url: `${before.url}/api/ping`, pid: before.pid } }),
    };
    for (const f of Object.values(figures)) await load({ url: f.url, headers: f.headers, duration: 2 }); // warm-up
    return figures;
  }
  let figures = await startFigures();
  const names = Object.keys(figures);

  // rounds[r][name] = { requests_per_s, p99_ms } over that round's slices.
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    if (fresh && r > 0) figures = await startFigures();
    const acc = Object.fromEntries(names.map((n) => [n, { total: 0, seconds: 0, cpuMs: 0, p99s: [] }]));
    for (let c = 0; c < slices; c++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + c + r) % names.length];
        const { url, headers, pid } = figures[name];
        const cpuBefore = cpuMs(pid);
        const result = await load({ url, headers, duration: slice });
        acc[name].cpuMs += cpuMs(pid) - cpuBefore;
        if (result.non_2xx || result.errors) console.error(`warning: ${name} round ${r + 1}: ${result.non_2xx} non-2xx, ${result.errors} errors`);
        acc[name].total += result.total;
        acc[name].seconds += slice;
        acc[name].p99s.push(result.p99_ms);
      }
    }
    perRound.push(
      Object.fromEntries(names.map((n) => [n, { requests_per_s: round(acc[n].total / acc[n].seconds), p99_ms: median(acc[n].p99s), cpu_us_per_request: round((acc[n].cpuMs * 1000) / acc[n].total, 0) }])),
    );
  }

  const rps = (n) => median(perRound.map((x) => x[n].requests_per_s));
  const p99 = (n) => median(perRound.map((x) => x[n].p99_ms));
  const ratio = (a, b) => round(median(perRound.map((x) => x[a].requests_per_s / x[b].requests_per_s)), 2);
  const cpu = (n) => median(perRound.map((x) => x[n].cpu_us_per_request));
  // Bare's CPU per request over ours: the throughput ratio the server's own work allows.
  const cpuRatio = (n, base = "bare_ping") => round(median(perRound.map((x) => x[base].cpu_us_per_request / x[n].cpu_us_per_request)), 2);
  const summary = Object.fromEntries(names.map((n) => [n, { requests_per_s: rps(n), p99_ms: p99(n), cpu_us_per_request: cpu(n), rounds: perRound.map((x) => x[n].requests_per_s) }]));
  const ratios = {
    me_off_vs_bare: ratio("me_off", "bare_ping"),
    ping_off_vs_bare: ratio("ping_off", "bare_ping"),
    me_off_vs_ping_off: ratio("me_off", "ping_off"),
    me_on_vs_bare: ratio("me_on", "bare_ping"),
    ping_on_vs_bare: ratio("ping_on", "bare_ping"),
    me_on_vs_ping_on: ratio("me_on", "ping_on"),
    me_on_vs_off: ratio("me_on", "me_off"),
    ping_on_vs_off: ratio("ping_on", "ping_off"),
    ...(beforeDir && { ping_off_vs_before: ratio("ping_off", "ping_before"), ping_before_vs_bare: ratio("ping_before", "bare_ping") }),
  };
  const ratioRounds = (a, b) => perRound.map((x) => round(x[a].requests_per_s / x[b].requests_per_s, 2)).join(", ");
  const spread = (n) => summary[n].rounds.join(", ");
  report(
    "session",
    { connections: 32, slice_s: slice, slices, rounds, fresh_servers_per_round: fresh, next: bare.version, bare_built_now: bare.built, app_dir: appDir, figures: summary, ratios, cpu_ratios: { ping_off_vs_bare: cpuRatio("ping_off"), me_off_vs_bare: cpuRatio("me_off") } },
    [
      `bench:session  medians of ${rounds} rounds of ${slices} x ${slice} s slices per figure, interleaved, 32 connections, ${fresh ? "new server processes each round" : "one set of server processes"} (per-round figures in brackets)`,
      `  bare Next.js ${bare.version} /api/ping  ${rps("bare_ping")} req/s [${spread("bare_ping")}]`,
      `  limits off:  /api/ping ${rps("ping_off")} req/s [${spread("ping_off")}] = ${ratios.ping_off_vs_bare} x bare (target >= 0.9) | /api/auth/me ${rps("me_off")} req/s [${spread("me_off")}] = ${ratios.me_off_vs_bare} x bare (target >= 0.65), ${ratios.me_off_vs_ping_off} x /api/ping`,
      `  production defaults (limits on, metrics on):  /api/ping ${rps("ping_on")} req/s [${spread("ping_on")}] = ${ratios.ping_on_vs_bare} x bare, ${ratios.ping_on_vs_off} x limits off | /api/auth/me ${rps("me_on")} req/s [${spread("me_on")}] = ${ratios.me_on_vs_bare} x bare, ${ratios.me_on_vs_ping_on} x /api/ping, ${ratios.me_on_vs_off} x limits off (target >= 0.9)`,
      `  per-round ratios: me off/bare ${ratioRounds("me_off", "bare_ping")} | ping off/bare ${ratioRounds("ping_off", "bare_ping")} | me on/off ${ratioRounds("me_on", "me_off")} | ping on/off ${ratioRounds("ping_on", "ping_off")}`,
      `  /api/auth/me p99: ${p99("me_off")} ms limits off, ${p99("me_on")} ms limits on`,
      `  server CPU per request (µs, medians of rounds): bare ${cpu("bare_ping")} | limits off: /api/ping ${cpu("ping_off")}, /api/auth/me ${cpu("me_off")} | limits on: /api/ping ${cpu("ping_on")}, /api/auth/me ${cpu("me_on")}`,
      `  bare's CPU per request over ours (the ratio the server's own work allows): /api/ping ${cpuRatio("ping_off")}, /api/auth/me ${cpuRatio("me_off")} (limits off)`,
      ...(beforeDir
        ? [
            `  before (${beforeDir}), limits off: /api/ping ${rps("ping_before")} req/s [${spread("ping_before")}] = ${ratios.ping_before_vs_bare} x bare, CPU ${cpu("ping_before")} µs; this build over it: ${ratios.ping_off_vs_before} in req/s [${ratioRounds("ping_off", "ping_before")}], ${cpuRatio("ping_off", "ping_before")} in CPU`,
          ]
        : []),
    ].join("\n"),
  );
} finally {
  await cleanup();
}
