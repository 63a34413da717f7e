// Applies pending migrations to the configured database (DATABASE_URL, else the embedded
// PGlite folder PGLITE_DIR) exactly as the app does at start, prints what it applied, exits.
// Needs the react-server condition (see `npm run db:migrate`): lib modules import
// "server-only", which resolves to an empty module under that condition and throws otherwise.
import pg from "pg";

// This script reports for itself; the app's JSON log lines only when asked for. Set before
// lib/env is loaded, hence the dynamic imports below.
process.env.LOG_LEVEL ??= "warn";

/** The database's clock before migrating: what this run applies finishes at or after it. */
async function databaseNow(url: string | undefined): Promise<Date> {
  // Embedded PGlite runs in this process, on this process's clock.
  if (!url) return new Date(Math.floor(Date.now() / 1000) * 1000);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0].now;
  } finally {
    await client.end();
  }
}

function describeTarget(url: string | undefined, pgliteDir: string): string {
  if (!url) return `embedded database ${pgliteDir}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function main(): Promise<void> {
  const { env } = await import("@/lib/env");
  const { closeDatabase, ensureDatabase, prisma } = await import("@/lib/db/client");
  const { readMigrations } = await import("@/lib/db/migrations");
  try {
    console.log(`Migrating ${describeTarget(env.DATABASE_URL, env.PGLITE_DIR)}`);
    const since = await databaseNow(env.DATABASE_URL);
    await ensureDatabase();
    const rows = await prisma().$queryRaw<{ migration_name: string; applied_now: boolean }[]>`
      SELECT migration_name, finished_at >= ${since} AS applied_now
      FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      ORDER BY migration_name`;
    const applied = rows.filter((r) => r.applied_now).map((r) => r.migration_name);
    for (const name of applied) console.log(`  applied ${name}`);
    const known = (await readMigrations()).length;
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s); ${rows.length} of ${known} applied now.`
        : `Nothing to apply: ${rows.length} of ${known} migration(s) already applied.`,
    );
  } finally {
    await closeDatabase();
  }
}

main().catch((err: unknown) => {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
