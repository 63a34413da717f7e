// Runs once when a server process starts, before it serves requests: open the database,
// apply pending migrations, and warm the password-hashing pool.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDatabase } = await import("@/lib/db/client");
  const { warmHashing } = await import("@/lib/auth/password-hashing");
  await ensureDatabase();
  void warmHashing();
}
