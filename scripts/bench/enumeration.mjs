// npm run bench:enumeration — can response time tell a registered email from an unknown
// one? Signs in BENCH_ROUNDS (40) times each, interleaved, with an unknown email and with a
// wrong password for a real user (limits and lockout raised for the run), at the default
// cost 12, and prints both medians and their ratio (target: within 10%).
import { cleanup, database, median, report, round, seedUsers, startServer } from "./harness.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 40);

async function timeLogin(url, email, password) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const ms = performance.now() - t0;
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}: ${await res.text()}`);
  return { ms, body: (await res.json()).message };
}

try {
  const databaseUrl = await database();
  const [realEmail] = await seedUsers(databaseUrl, { count: 1, cost: 12, password: "Real-Password-12!", prefix: `enum-${Date.now()}` });
  const { url } = await startServer({ DATABASE_URL: databaseUrl, BCRYPT_COST: "12", LOCKOUT_THRESHOLD: "1000000" });
  const unknown = [];
  const wrong = [];
  for (let i = -3; i < rounds; i++) {
    const a = await timeLogin(url, `nobody-${i}-${Date.now()}@bench.test`, "Wrong-Password-1!");
    const b = await timeLogin(url, realEmail, "Wrong-Password-1!");
    if (a.body !== b.body) throw new Error("answers differ");
    if (i < 0) continue; // warm-up
    unknown.push(a.ms);
    wrong.push(b.ms);
  }
  const mu = median(unknown);
  const mw = median(wrong);
  const ratio = round(mu / mw, 3);
  report(
    "enumeration",
    { rounds, unknown_email_median_ms: round(mu), wrong_password_median_ms: round(mw), ratio },
    `bench:enumeration  unknown email median ${round(mu)} ms | wrong password median ${round(mw)} ms | ratio ${ratio} (target 0.9..1.1)`,
  );
} finally {
  await cleanup();
}
