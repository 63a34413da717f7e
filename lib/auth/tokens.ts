import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the value a browser cookie or bearer header carries. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores instead of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
