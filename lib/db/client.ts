import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { MIGRATION_LOCK_ID, applyPendingMigrations, type SqlRunner } from "./migrations";
import { openPgliteInstance } from "./pglite";
import { acquirePgliteLock } from "./pglite-lock";
import { isDatabaseUnavailable } from "./unavailable";

// One database per process: PGlite may be opened by one process only, and a dev-server
// reload must not open it twice, so the instance lives on globalThis.
/** A node-postgres-shaped client (`query({ text, values })` -> `{ rows, rowCount }`) for code that needs raw SQL. */
export interface PgLikeClient {
  query(q: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

interface DbState {
  /** Bytes of the embedded database's WebAssembly memory (it grows, never shrinks); null on PostgreSQL. */
  wasmBytes: () => number | null;
  prisma: PrismaClient;
  raw: PgLikeClient;
  ready: Promise<void>;
  close: () => Promise<void>;
}
const globalForDb = globalThis as unknown as { latchkeyDb?: DbState };

/**
 * Times every Prisma operation into db_query_duration_seconds{model,operation}. A query
 * extension adds behaviour only, so the client keeps PrismaClient's type.
 */
function timed(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const end = metrics().dbDuration.startTimer({ model: model ?? "raw", operation });
        try {
          return await query(args);
        } finally {
          end();
        }
      },
    },
  }) as unknown as PrismaClient;
}

function openPglite(dir: string): DbState {
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const release = inMemory ? () => {} : acquirePgliteLock(dir);
  const started = Date.now();
  const lite = openPgliteInstance(dir);
  const prisma = timed(new PrismaClient({ adapter: new PrismaPGlite(lite) }));
  const runner: SqlRunner = {
    query: async (sql, params) => (await lite.query(sql, params)).rows as never,
    exec: async (script) => void (await lite.exec(script)),
  };
  const ready = lite.waitReady.then(async () => {
    const ran = await applyPendingMigrations(runner);
    log.info({ dir, ms: Date.now() - started, migrations: ran }, "embedded database ready");
  });
  const raw: PgLikeClient = {
    query: async ({ text, values }) => {
      const r = await lite.query(text, values);
      return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
    },
  };
  // PGlite keeps its Emscripten module private; read for the benchmarks' memory report only.
  const wasmBytes = () => (lite as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength ?? null;
  return { wasmBytes, prisma, raw, ready, close: async () => { await prisma.$disconnect(); await lite.close(); release(); } };
}

function openPostgres(url: string): DbState {
  // Timeouts keep an unreachable or stuck database from holding requests: a connection
  // attempt gives up after DATABASE_CONNECT_TIMEOUT_MS, a statement after
  // DATABASE_STATEMENT_TIMEOUT_MS, and the request answers 503 (lib/http/errors.ts).
  const pool = new pg.Pool({
    connectionString: url,
    max: env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle connection that the server drops (restart, failover) is reported here; without a
  // listener it would crash the process. The pool opens a new one at the next query.
  pool.on("error", (err) => log.warn({ err: err.message }, "idle database connection lost"));
  const prisma = timed(new PrismaClient({ adapter: new PrismaPg(pool) }));
  const stopping = new AbortController();
  const ready = untilReachable(() => migratePostgres(pool), stopping.signal);
  return {
    wasmBytes: () => null,
    prisma,
    raw: pool,
    ready,
    close: async () => {
      stopping.abort();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * Runs the start-up step until the database answers: an app started while PostgreSQL is
 * down waits for it (backoff from 250 ms doubling up to 5 s, each attempt logged) instead of
 * failing for good. Any other error (a bad migration, wrong credentials) is final.
 */
async function untilReachable(step: () => Promise<void>, stop: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      if (attempt > 1) log.info({ attempts: attempt }, "database reachable");
      return;
    } catch (err) {
      if (stop.aborted || !isDatabaseUnavailable(err)) throw err;
      const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (attempt - 1));
      log.warn({ attempt, retry_in_ms: delay, err: err instanceof Error ? err.message : String(err) }, "database unreachable at start; retrying");
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let failed = false;
  try {
    // Waiting for another instance's migrations, or a long migration, is not a stuck query.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    const runner: SqlRunner = {
      query: async (sql, params) => (await client.query(sql, params)).rows,
      exec: async (script) => void (await client.query(script)),
    };
    const ran = await applyPendingMigrations(runner);
    if (ran.length) log.info({ migrations: ran }, "migrations applied");
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    if (!failed) {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
      await client.query("RESET statement_timeout").catch(() => {});
    }
    // A failed connection is dropped, not handed to the next query (the session lock goes with it).
    client.release(failed);
  }
}

// `next build` renders pages to find out which are static; none may open the database
// (a running server may hold the embedded one, and one process per folder is the rule).
const building = () => process.env.NEXT_PHASE === "phase-production-build";

function state(): DbState {
  if (building()) throw new Error("The database is not opened during `next build`");
  if (!globalForDb.latchkeyDb) {
    globalForDb.latchkeyDb = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.PGLITE_DIR);
  }
  return globalForDb.latchkeyDb;
}

/** The Prisma client, opened lazily. */
export function prisma(): PrismaClient {
  return state().prisma;
}

/**
 * Opens the database and applies pending migrations (idempotent). The one readiness point:
 * awaited at server start (instrumentation.ts), by the CLI and by the test setup, before
 * anything else queries; request handlers never wait for it.
 */
export async function ensureDatabase(): Promise<void> {
  return state().ready;
}

/** Raw SQL on the app's database (same pool / same embedded instance as Prisma). */
export function rawClient(): PgLikeClient {
  return state().raw;
}

/** The embedded database's WebAssembly memory in bytes (null on PostgreSQL or before it opened). */
export function embeddedDatabaseBytes(): number | null {
  return globalForDb.latchkeyDb?.wasmBytes() ?? null;
}

export async function closeDatabase(): Promise<void> {
  const s = globalForDb.latchkeyDb;
  globalForDb.latchkeyDb = undefined;
  if (s) await s.close();
}
