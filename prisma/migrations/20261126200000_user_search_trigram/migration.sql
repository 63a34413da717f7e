-- Trigram indexes for the staff user search: a case-insensitive substring match on email
-- and name (ILIKE '%q%'), which a B-tree cannot answer.
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13, so
-- the database owner can create it; the embedded PGlite loads it at start (lib/db/pglite.ts).
-- Where it is not available or not allowed (a restricted managed host; the Prisma CLI's own
-- PGlite), the migration still succeeds and search reads the table instead: same results,
-- slower on large tables. Nothing else depends on these indexes.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);
  ELSE
    RAISE WARNING 'pg_trgm is not available: user search runs without trigram indexes';
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'not allowed to create extension pg_trgm: user search runs without trigram indexes';
END
$$;
