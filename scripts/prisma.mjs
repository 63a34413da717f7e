// Runs the Prisma CLI. Machines that cannot reach Prisma's binary host need the offline
// schema engine from ../shared/tools; it is used when present and never needed at run time.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const candidates = [
  process.env.PRISMA_SCHEMA_ENGINE_BINARY,
  path.resolve("../shared/tools/prisma-schema-engine/schema-engine"),
  "/work/shared/tools/prisma-schema-engine/schema-engine",
].filter(Boolean);
const engine = candidates.find((p) => existsSync(p));
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (engine) env.PRISMA_SCHEMA_ENGINE_BINARY = engine;

const bin = path.resolve("node_modules/.bin/prisma");
const result = spawnSync(bin, process.argv.slice(2), { stdio: "inherit", env });
process.exit(result.status ?? 1);
