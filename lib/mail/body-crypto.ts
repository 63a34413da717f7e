import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// Mail bodies hold single-use links (password reset): at rest they are AES-256-GCM
// ciphertext under a key derived from AUTH_SECRET, bound to the recipient (additional
// authenticated data), so a database dump or backup shows no usable link. The stored form
// is self-describing: "enc1:" + base64url(iv | tag | ciphertext); anything else is plain
// text from before the queue existed (or "" once erased) and is read as is.

const PREFIX = "enc1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function mailBodyKey(secret = authSecret()): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "latchkey", "mail-body-v1", 32));
}

let cachedKey: Buffer | undefined;
const defaultKey = () => (cachedKey ??= mailBodyKey());

export function encryptBody(plain: string, recipient: string, key = defaultKey()): string {
  if (plain === "") return "";
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(recipient.toLowerCase(), "utf8"));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
}

/** Throws when the stored body was encrypted under another key (AUTH_SECRET changed) or altered. */
export function decryptBody(stored: string, recipient: string, key = defaultKey()): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(recipient.toLowerCase(), "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

export const isEncryptedBody = (stored: string) => stored.startsWith(PREFIX);
