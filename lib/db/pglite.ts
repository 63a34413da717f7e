import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// Every embedded database this app opens (the server, the CLI, the tests' scratch databases)
// loads the same extensions, so the migrations run the same way everywhere: pg_trgm backs
// the staff user search (prisma/migrations/20261126200000_user_search_trigram).
export const PGLITE_EXTENSIONS = { pg_trgm };

export function openPgliteInstance(dataDir: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  return new PGlite(dataDir, { ...options, extensions: PGLITE_EXTENSIONS });
}
