import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// Every embedded database this app opens (the server, the CLI, the tests' scratch databases)
// loads the same extensions, so the migrations run the same way everywhere: pg_trgm backs
// the staff user search (prisma/migrations/20261126200000_user_search_trigram).
export const PGLITE_EXTENSIONS = { pg_trgm };

// PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, which
// never shrinks: that was ~140 MB of the server's resident memory. 16 MB holds the hot rows
// of a sign-in app's tables many times over (measured: the same queries, RSS 342 -> 196 MB
// for PGlite alone). Set on the command line, so an existing data folder's postgresql.conf
// stays as initdb wrote it.
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

export function openPgliteInstance(dataDir: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  return new PGlite(dataDir, { startParams: START_PARAMS, ...options, extensions: PGLITE_EXTENSIONS });
}
