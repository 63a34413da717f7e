import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./secret";

// Secrets at rest (TOTP secrets) and keyed hashes (recovery codes), with keys derived from
// AUTH_SECRET by HKDF, one per purpose, so none of them is ever the secret itself.

const keys = new Map<string, Buffer>();

function key(purpose: string): Buffer {
  let k = keys.get(purpose);
  if (!k) {
    k = Buffer.from(hkdfSync("sha256", authSecret(), "latchkey", purpose, 32));
    keys.set(purpose, k);
  }
  return k;
}

/** AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). */
export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(`seal:${purpose}`), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function open(purpose: string, sealed: string): string {
  if (!sealed.startsWith("v1.")) throw new Error("Unknown sealed format");
  const raw = Buffer.from(sealed.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(`seal:${purpose}`), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** HMAC-SHA256 hex under the purpose's key: a hash nobody without AUTH_SECRET can test guesses against. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", key(`hmac:${purpose}`)).update(value).digest("hex");
}
