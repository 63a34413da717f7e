import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

let blocklist: Set<string> | undefined;

function load(): Set<string> {
  const file = path.join(process.cwd(), "lib", "auth", "common-passwords.txt");
  const lines = readFileSync(file, "utf8").split("\n");
  return new Set(lines.filter((l) => l && !l.startsWith("#")));
}

/** True when the password (case-insensitively) is on the shipped list of common passwords. */
export function isCommonPassword(password: string): boolean {
  blocklist ??= load();
  return blocklist.has(password.toLowerCase());
}

export function commonPasswordCount(): number {
  blocklist ??= load();
  return blocklist.size;
}
