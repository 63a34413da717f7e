// Shared pieces of the benchmarks: a throwaway PostgreSQL (unless BENCH_DATABASE_URL is
// given), a production server of this build, users seeded straight into the database,
// and autocannon runs summarised as JSON plus a readable line.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir, availableParallelism, cpus } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import bcrypt from "bcryptjs";
import pg from "pg";
import { freePort } from "../free-port.mjs";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const cleanups = [];

export async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => {});
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => cleanup().then(() => process.exit(130)));

export function machine() {
  return { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "unknown", node: process.version };
}

/**
 * A migrated PostgreSQL database URL: BENCH_DATABASE_URL, or a throwaway cluster stopped at
 * exit. Migrated here (`npm run db:migrate`) because the benchmarks seed users before any
 * server starts.
 */
export async function database() {
  const url = process.env.BENCH_DATABASE_URL || (await throwawayCluster());
  execFileSync("npm", ["run", "-s", "db:migrate"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "inherit", "inherit"] });
  return url;
}

async function throwawayCluster() {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-pg-"));
  const port = String(await freePort());
  const out = execFileSync("bash", [path.join(ROOT, "scripts/pg-cluster.sh"), "start", dir, port], { encoding: "utf8" });
  cleanups.push(async () => execFileSync("bash", [path.join(ROOT, "scripts/pg-cluster.sh"), "stop", dir, port], { stdio: "ignore" }));
  const url = out.match(/postgres(ql)?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`pg-cluster.sh printed no URL:\n${out}`);
  return url;
}

/**
 * Starts `node scripts/serve.mjs` on a production build with the given environment; `dir`
 * serves another build with the same server (the bare baseline; BENCH_APP_DIR, e.g. a
 * checkout of main, for before/after figures), `readyPath` is polled.
 */
/**
 * What `npm start` gives the server besides its script (package.json's start script: the
 * Node.js heap flags and MALLOC_ARENA_MAX), so the benchmarks measure what production runs.
 * BENCH_NODE_FLAGS overrides the flags ("" for none: V8's defaults), BENCH_START_ENV=0 drops
 * the variables.
 */
const START_SCRIPT = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start.split(/\s+/).filter(Boolean);
export const START_NODE_FLAGS =
  process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean) : START_SCRIPT.filter((t) => t.startsWith("--"));
export const START_ENV =
  process.env.BENCH_START_ENV === "0" ? {} : Object.fromEntries(START_SCRIPT.slice(0, START_SCRIPT.indexOf("node")).map((t) => t.split("=", 2)));

export async function startServer(env, { dir = process.env.BENCH_APP_DIR || ROOT, readyPath = "/api/health" } = {}) {
  if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error("Run `npm run build` first");
  const port = String(await freePort());
  // A build of Latchkey runs under its own server script (BENCH_APP_DIR, BENCH_BEFORE_DIR: the
  // server's share of the work changes with it); the bare app, which has none, under ours.
  const ownServer = path.join(dir, "scripts/serve.mjs");
  const child = spawn(process.execPath, [...START_NODE_FLAGS, existsSync(ownServer) ? ownServer : path.join(ROOT, "scripts/serve.mjs")], {
    cwd: dir,
    env: {
      ...process.env,
      ...START_ENV,
      NODE_ENV: "production",
      PORT: port,
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      // Limits raised for the run (not switched off: the limiter's work stays on the path).
      RATE_LIMIT_API_IP: "100000000/60",
      RATE_LIMIT_LOGIN_IP: "100000000/60",
      RATE_LIMIT_LOGIN_EMAIL: "100000000/3600",
      RATE_LIMIT_REGISTER_IP: "100000000/3600",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.ok) return { url, stop, pid: child.pid };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

/**
 * A bare Next.js app of the installed version, production-built in a temp folder: one
 * route handler, GET /api/ping, answering JSON, no proxy. It uses this repository's
 * node_modules through a symlink (no install); Turbopack's root is "/" so that it may follow
 * it. The build is kept per Next.js version and reused by later runs.
 */
export function bareNextApp() {
  const version = JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")).version;
  // "-2": the app gained the start-up hook below (older builds lack it and never listen).
  const dir = path.join(tmpdir(), `latchkey-bench-bare-next-${version}-2`);
  const modules = path.join(dir, "node_modules");
  // A kept build may link to the node_modules of a checkout since removed: link it to ours
  // (the same Next.js version, so the build itself stays good).
  if (lstatSafe(modules) && readlinkSync(modules) !== path.join(ROOT, "node_modules")) rmSync(modules);
  mkdirSync(path.join(dir, "app/api/ping"), { recursive: true });
  if (!lstatSafe(modules)) symlinkSync(path.join(ROOT, "node_modules"), modules);
  if (existsSync(path.join(dir, ".next", "BUILD_ID"))) return { dir, version, built: false };
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, name: "bare-next" }));
  writeFileSync(path.join(dir, "next.config.mjs"), `export default { turbopack: { root: "/" }, experimental: { agentUpgrade: false } };\n`);
  writeFileSync(path.join(dir, "app/api/ping/route.js"), `export const GET = () => Response.json({ status: "ok" });\n`);
  // scripts/serve.mjs listens once instrumentation hands it the server hook (lib/lifecycle.ts):
  // the bare app's has nothing to wait for, and the same timeouts as Latchkey's defaults.
  writeFileSync(
    path.join(dir, "instrumentation.js"),
    `export function register() {\n  globalThis[Symbol.for("latchkey.server")] = { config: { shutdownGraceS: 10, headersTimeoutMs: 15000, requestTimeoutMs: 30000 }, ready: Promise.resolve(), shutdown: async () => [] };\n}\n`,
  );
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { dir, version, built: true };
}

function lstatSafe(file) {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/** CPU time a process has used so far (user + system), in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid) {
  const kb = Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN);
  return round(kb / 1024);
}

/** Inserts `count` users sharing one bcrypt hash of `password` at `cost`; returns their emails. */
export async function seedUsers(databaseUrl, { count, cost, password, prefix }) {
  const hash = bcrypt.hashSync(password, cost);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@bench.test`);
  await client.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT 'bench_' || md5(e), e, 'Bench', $2, now() FROM unnest($1::text[]) AS e
     ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash"`,
    [emails, hash],
  );
  await client.end();
  return emails;
}

/** Median milliseconds of one bcryptjs compare at `cost`, measured here and now. */
export function measureCompareMs(cost, runs = 5) {
  const hash = bcrypt.hashSync("bench-password", cost);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bcrypt.compareSync("bench-password", hash);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Runs autocannon and returns the figures we report. */
export async function load(opts) {
  const result = await autocannon({ connections: 32, duration: 15, ...opts });
  return {
    requests_per_s: round(result.requests.average),
    p50_ms: result.latency.p50,
    p95_ms: result.latency.p97_5 !== undefined ? approxP95(result.latency) : undefined,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  };
}

// autocannon reports p90 and p97.5; interpolate p95 between them.
function approxP95(l) {
  return round(l.p90 + ((l.p97_5 - l.p90) * (95 - 90)) / (97.5 - 90));
}

export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function registerViaApi(url, email, password) {
  const res = await fetch(`${url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name: "Bench" }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

export function report(name, figures, line) {
  console.log(JSON.stringify({ bench: name, machine: machine(), ...figures }));
  console.log(line);
}
