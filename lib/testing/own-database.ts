import { randomBytes } from "node:crypto";
import pg from "pg";

// On PostgreSQL the integration files share one database and run in parallel. A test that
// runs queue workers (which take any due mail) gets a database of its own, so it neither
// takes another file's mail nor counts it. On PGlite each file has its own already.
// Call from vi.hoisted, before the app's modules read DATABASE_URL.

let created: { adminUrl: string; name: string } | undefined;

export async function useOwnDatabase(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return;
  const name = `latchkey_own_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  created = { adminUrl, name };
}

/** Drops the database made by useOwnDatabase (close the app's database first). */
export async function dropOwnDatabase(): Promise<void> {
  if (!created) return;
  const admin = new pg.Client({ connectionString: created.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${created.name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  created = undefined;
}
