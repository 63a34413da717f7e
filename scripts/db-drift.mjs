// npm run db:drift — fails (exit 2) when prisma/migrations and prisma/schema.prisma disagree.
// Prisma replays the migrations into a shadow database and compares. That needs PostgreSQL
// (DATABASE_URL=postgresql://…, a role that may create databases): the Prisma CLI's own
// embedded PGlite does not load extensions, so pg_trgm's indexes would look missing there.
import { spawnSync } from "node:child_process";

const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error("db:drift needs DATABASE_URL=postgresql://… (a PostgreSQL server; the shadow database is created there)");
  process.exit(1);
}
const args = ["scripts/prisma.mjs", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
