import { execFile } from "node:child_process";
import path from "node:path";

export interface CliResult {
  code: number;
  /** stdout and stderr together, in the order the CLI wrote them as far as pipes allow. */
  output: string;
}

/**
 * Runs the stock Prisma CLI the way developers do (`node scripts/prisma.mjs …`, which uses
 * the offline schema engine when present) against `databaseUrl`.
 */
export function runPrismaCli(args: string[], databaseUrl: string): Promise<CliResult> {
  const root = process.cwd(); // the project root, as for lib/db/migrations.ts
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts/prisma.mjs"), ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
