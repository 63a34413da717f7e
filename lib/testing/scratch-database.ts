import { PGlite } from "@electric-sql/pglite";
import { openPgliteInstance } from "@/lib/db/pglite";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { SqlRunner } from "@/lib/db/migrations";

// Empty databases of the kind the suite runs on, for tests that must start from nothing
// (migrations) without touching the database the other tests share.

export interface ScratchConnection {
  runner: SqlRunner;
  /** Raw access for assertions the runner does not cover (advisory locks, catalogs). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface ScratchDatabase {
  /** The URL the Prisma CLI takes: `postgresql://…` or `pglite:<dir>`. */
  url: string;
  /** PostgreSQL: any number of connections. PGlite: one at a time (one process per folder). */
  connect(): Promise<ScratchConnection>;
  drop(): Promise<void>;
}

/** A new empty database: on the server of `adminUrl` when given, else an embedded PGlite folder. */
export function createScratchDatabase(adminUrl: string | undefined): Promise<ScratchDatabase> {
  return adminUrl ? createPostgresDatabase(adminUrl) : createPgliteDatabase();
}

async function createPostgresDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `latchkey_scratch_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    connect: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const query = async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[];
      return {
        query,
        // Without parameters node-postgres uses the simple protocol, which runs multi-statement scripts.
        runner: { query, exec: async (script) => void (await client.query(script)) },
        close: () => client.end(),
      };
    },
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

// initdb of a new PGlite folder takes seconds; copying a pristine cluster takes about one.
let pristine: Promise<Blob> | undefined;
function pristineCluster(): Promise<Blob> {
  pristine ??= (async () => {
    const lite = new PGlite("memory://");
    await lite.waitReady;
    try {
      return await lite.dumpDataDir("none");
    } finally {
      await lite.close();
    }
  })();
  return pristine;
}

async function createPgliteDatabase(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "latchkey-pglite-"));
  // Lay the cluster down now so that the Prisma CLI can open the folder before we ever do.
  try {
    const seed = openPgliteInstance(dir, { loadDataDir: await pristineCluster() });
    await seed.waitReady;
    await seed.close();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `pglite:${dir}`,
    connect: async () => {
      const lite = openPgliteInstance(dir);
      await lite.waitReady;
      const query = async <T>(sql: string, params?: unknown[]) => (await lite.query(sql, params)).rows as T[];
      return {
        query,
        runner: { query, exec: async (script) => void (await lite.exec(script)) },
        close: () => lite.close(),
      };
    },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}
