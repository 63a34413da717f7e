// npm run bench:session — GET /api/auth/me with a bearer token vs the no-op GET /api/ping,
// same app, same run, 32 connections for BENCH_DURATION_S (15) seconds each.
import { cleanup, database, load, registerViaApi, report, round, startServer } from "./harness.mjs";

const duration = Number(process.env.BENCH_DURATION_S ?? 15);
try {
  const databaseUrl = await database();
  const { url } = await startServer({ DATABASE_URL: databaseUrl, BCRYPT_COST: "10" });
  const token = await registerViaApi(url, `session-${Date.now()}@bench.test`, "Bench-Password-12!");
  await load({ url: `${url}/api/ping`, duration: 3 }); // warm-up
  const noop = await load({ url: `${url}/api/ping`, duration });
  const session = await load({ url: `${url}/api/auth/me`, duration, headers: { authorization: `Bearer ${token}` } });
  const ratio = round(session.requests_per_s / noop.requests_per_s, 2);
  report("session", { connections: 32, duration_s: duration, noop, session, ratio }, `bench:session  me ${session.requests_per_s} req/s (p50 ${session.p50_ms} ms, p95 ${session.p95_ms} ms, p99 ${session.p99_ms} ms) | no-op ${noop.requests_per_s} req/s | ratio ${ratio} (target >= 0.6)`);
  if (session.non_2xx || noop.non_2xx) console.error(`warning: non-2xx answers: me ${session.non_2xx}, no-op ${noop.non_2xx}`);
} finally {
  await cleanup();
}
