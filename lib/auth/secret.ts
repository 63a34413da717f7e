import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * AUTH_SECRET when configured (required with PostgreSQL in production). On the embedded
 * database a random secret is created once beside the data folder, so `npm start` on a
 * fresh clone needs no configuration.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.DATABASE_URL || env.PGLITE_DIR.startsWith("memory://")) {
    return (cached = randomBytes(32).toString("base64url"));
  }
  const file = path.join(path.dirname(path.resolve(env.PGLITE_DIR)), "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
