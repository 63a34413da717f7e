import { Secret, TOTP } from "otpauth";

// RFC 6238 as SPEC 10 fixes it: SHA-1, 6 digits, 30-second steps, one step of drift either
// way. Pure functions over the base32 secret; storage, replay and audit are in factors.ts.

export const TOTP_PERIOD_S = 30;
const ISSUER = "Latchkey";

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });
}

/** 160 random bits, base32: what the authenticator app stores. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URL the QR code carries. */
export function otpauthUrl(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The time step of `now`. */
export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_S);
}

/** The time step a code belongs to (now, or one step either side), or null when it matches none. */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : totpStep(now) + delta;
}

/** The code for a time step (tests, and the journeys' fixtures). */
export function totpCodeAt(secret: string, step: number): string {
  return totp(secret).generate({ timestamp: step * TOTP_PERIOD_S * 1000 });
}
