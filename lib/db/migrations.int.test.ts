import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { runPrismaCli } from "@/lib/testing/prisma-cli";
import { createScratchDatabase, type ScratchConnection, type ScratchDatabase } from "@/lib/testing/scratch-database";
import { MIGRATION_LOCK_ID, applyPendingMigrations, readMigrations } from "./migrations";

// Runs on the suite's database kind: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
const onPostgres = Boolean(env.DATABASE_URL);

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const readRows = (conn: ScratchConnection) =>
  conn.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
     FROM "_prisma_migrations" ORDER BY migration_name, started_at`,
  );

/** What the app does at start on PostgreSQL (lib/db/client.ts): migrate under Prisma's advisory lock. */
async function migrateLikeTheApp(conn: ScratchConnection): Promise<string[]> {
  if (!onPostgres) return applyPendingMigrations(conn.runner);
  await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
  try {
    return await applyPendingMigrations(conn.runner);
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
  }
}

describe(`migrations on ${onPostgres ? "PostgreSQL" : "embedded PGlite"}`, () => {
  const scratch: ScratchDatabase[] = [];
  const open: ScratchConnection[] = [];

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await Promise.all(scratch.splice(0).map((db) => db.drop()));
  });

  async function freshDatabase(): Promise<ScratchDatabase> {
    const db = await createScratchDatabase(env.DATABASE_URL);
    scratch.push(db);
    return db;
  }

  async function connect(db: ScratchDatabase): Promise<ScratchConnection> {
    const conn = await db.connect();
    open.push(conn);
    return conn;
  }

  async function migrateAndClose(db: ScratchDatabase): Promise<MigrationRow[]> {
    const conn = await db.connect();
    try {
      await applyPendingMigrations(conn.runner);
      return await readRows(conn);
    } finally {
      await conn.close();
    }
  }

  it("leave the database in a state `prisma migrate status` reports as up to date", async () => {
    let url: string;
    if (env.DATABASE_URL) {
      url = env.DATABASE_URL; // the integration setup's ensureDatabase() migrated it
    } else {
      // The CLI cannot share a PGlite folder with this process: migrate one, close it, then ask.
      const db = await freshDatabase();
      await migrateAndClose(db);
      url = db.url;
    }
    const status = await runPrismaCli(["migrate", "status"], url);
    expect(status.output).toContain("Database schema is up to date");
    expect(status.code).toBe(0);
  });

  it("record the same _prisma_migrations rows as `prisma migrate deploy`", async () => {
    const ours = await freshDatabase();
    const prismas = await freshDatabase();
    const deploy = await runPrismaCli(["migrate", "deploy"], prismas.url);
    expect(deploy.code, deploy.output).toBe(0);

    const comparable = (rows: MigrationRow[]) =>
      rows.map(({ finished_at, rolled_back_at, ...rest }) => ({ ...rest, finished: finished_at !== null, rolledBack: rolled_back_at !== null }));
    const ourRows = comparable(await migrateAndClose(ours));
    const conn = await prismas.connect();
    const prismaRows = comparable(await readRows(conn));
    await conn.close();

    expect(ourRows.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(ourRows).toEqual(prismaRows);
  });

  it("applying them a second time changes nothing", async () => {
    const conn = await connect(await freshDatabase());
    const names = (await readMigrations()).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);

    expect(await migrateLikeTheApp(conn)).toEqual(names);
    const rows = await readRows(conn);
    expect(await migrateLikeTheApp(conn)).toEqual([]);
    expect(await readRows(conn)).toEqual(rows);
  });

  const migrators = onPostgres ? 4 : 1;
  it(`apply each migration exactly once with ${migrators} migrator(s) starting together`, async () => {
    const db = await freshDatabase();
    // Connect first so that every migrator asks for the lock at the same moment.
    const conns = await Promise.all(Array.from({ length: migrators }, () => connect(db)));
    const results = await Promise.allSettled(conns.map((c) => migrateLikeTheApp(c)));

    const failures = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
    expect(failures).toEqual([]);
    const applied = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    const names = (await readMigrations()).map((m) => m.name);
    expect(applied.sort()).toEqual(names);

    const rows = await readRows(conns[0]);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  });
});
