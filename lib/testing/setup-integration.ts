import { afterAll, beforeAll } from "vitest";

// Integration tests run against a real database: PostgreSQL when DATABASE_URL is set
// (CI starts a throwaway cluster), else an in-memory embedded PGlite per test file.
process.env.PGLITE_DIR ??= "memory://";
process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
// Cost 10 (the minimum allowed) keeps the suite fast; the hashing path is the same.
process.env.BCRYPT_COST ??= "10";
process.env.HASH_POOL_SIZE ??= "2";

beforeAll(async () => {
  const { ensureDatabase } = await import("@/lib/db/client");
  await ensureDatabase();
});

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db/client");
  await closeDatabase();
});
