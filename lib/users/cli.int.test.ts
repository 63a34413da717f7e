import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { randomEmail } from "@/lib/testing/http";
import { createScratchDatabase } from "@/lib/testing/scratch-database";

const run = promisify(execFile);

// The real CLI as a child process: on PostgreSQL (DATABASE_URL) it shares the test database;
// on the embedded database it gets a data folder of its own.
function cli(args: string[], input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/cli.mts", ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", BCRYPT_COST: "10", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const onPostgres = Boolean(process.env.DATABASE_URL);
const dataDir = () => path.join(mkdtempSync(path.join(tmpdir(), "latchkey-cli-")), "db");

describe("CLI users create", () => {
  it("creates the first admin from a password on stdin, and refuses a weak password", async () => {
    const email = randomEmail("admin");
    const env: Record<string, string> = onPostgres ? {} : { PGLITE_DIR: dataDir() };
    const ok = await cli(["users", "create", "--email", email, "--name", "First Admin", "--role", "admin", "--password-stdin"], "Sup3r-Secret-Admin!\n", env);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`created admin ${email}`));
    const weak = await cli(["users", "create", "--email", randomEmail(), "--name", "W", "--password-stdin"], "password\n", env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: /);
    expect(weak.stdout + weak.stderr).not.toContain("Sup3r-Secret-Admin!");
    if (onPostgres) {
      const user = await prisma().user.findUniqueOrThrow({ where: { email } });
      expect(user.role).toBe("admin");
    }
  }, 120_000);

  it.runIf(!onPostgres)("refuses to open an embedded database another live process holds", async () => {
    const dir = dataDir();
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    writeFileSync(`${dir}.lock`, String(holder.pid));
    try {
      const res = await cli(["users", "create", "--email", randomEmail(), "--name", "X", "--password-stdin"], "Sup3r-Secret-Admin!\n", { PGLITE_DIR: dir });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
  }, 120_000);

  it("prune deletes what has expired and reports the counts; a bad retention is refused", async () => {
    // A database of its own: a real-clock prune must not touch rows other test files, which
    // share PostgreSQL, have just dated in the past on purpose.
    const scratch = onPostgres ? await createScratchDatabase(process.env.DATABASE_URL) : undefined;
    const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DIR: dataDir() };
    try {
      const bad = await cli(["prune", "--audit-days", "0"], "", env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--audit-days must be a whole number of days, at least 1/);
      const res = await cli(["prune", "--audit-days", "400", "--mail-days", "10"], "", env);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^sessions: \d+, reset tokens: \d+, verification tokens: \d+, rate limits: \d+, mail messages: \d+, audit events: \d+$/m);
      if (scratch) {
        const db = await scratch.connect();
        try {
          const [event] = await db.query<{ metadata: Record<string, unknown> }>(`SELECT metadata FROM "AuditEvent" WHERE type = 'pruned' AND "userAgent" = 'latchkey-cli'`);
          expect(event.metadata).toMatchObject({ audit_retention_days: 400, mail_retention_days: 10 });
        } finally {
          await db.close();
        }
      }
    } finally {
      await scratch?.drop();
    }
  }, 120_000);

  it("health exits 1 when the instance is unreachable", async () => {
    const res = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.mts", "health", "--url", "http://127.0.0.1:9"]).catch((e) => e);
    expect(res.code).toBe(1);
  }, 60_000);
});
