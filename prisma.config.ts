import "dotenv/config";
import { defineConfig } from "prisma/config";

// The CLI needs a URL only for migrate commands. Without DATABASE_URL it targets the
// embedded database folder (the app must be stopped: one process per PGlite folder).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL || `pglite:${process.env.PGLITE_DIR || ".data/pglite"}`,
  },
});
