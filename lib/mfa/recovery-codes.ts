import { randomInt } from "node:crypto";

// Recovery codes: 10 per set, 10 characters from an alphabet without look-alikes (about 49
// bits each), shown as "abcde-fghij". Stored as keyed hashes only (factors.ts).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What is hashed: case, spaces and dashes do not matter when the user types a code back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}
