import "server-only";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";

// Short-lived, single-use tokens kept hashed: the mfa_token between a right password and the
// second factor, and WebAuthn ceremonies' challenges. Claiming one deletes it, so of two
// concurrent uses exactly one gets it.

export type ChallengeKind = "mfa" | "passkey_login" | "passkey_register" | "federation_link" | "federation_reauth";

export const MFA_TOKEN_TTL_S = 300;
export const MFA_MAX_WRONG_CODES = 5;
const CEREMONY_TTL_S = 300;
// Connecting a provider waits for the user to sign in there (a password, maybe their own MFA).
const FEDERATION_TTL_S = 600;
const TTL_S: Record<ChallengeKind, number> = { mfa: MFA_TOKEN_TTL_S, passkey_login: CEREMONY_TTL_S, passkey_register: CEREMONY_TTL_S, federation_link: FEDERATION_TTL_S, federation_reauth: FEDERATION_TTL_S };

/**
 * A new token of a kind; the raw token goes to the client, the row keeps its hash. A WebAuthn
 * ceremony passes its challenge as the token: the response names it, so it finds its row.
 */
export async function issueChallenge(kind: ChallengeKind, opts: { userId?: string; token?: string; now?: number; challenge?: string } = {}) {
  const now = opts.now ?? Date.now();
  const token = opts.token ?? generateToken();
  const expires = new Date(now + TTL_S[kind] * 1000);
  await prisma().authChallenge.create({ data: { kind, tokenHash: hashToken(token), userId: opts.userId, challenge: opts.challenge, expires, createdAt: new Date(now) } });
  return { token, expires };
}

/** The live challenge a token names (right kind, not expired, fewer than 5 wrong codes), or null. */
export async function findChallenge(kind: ChallengeKind, token: string, now = Date.now()) {
  if (!token || token.length > 128) return null;
  const row = await prisma().authChallenge.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.kind !== kind || row.expires.getTime() <= now || row.attempts >= MFA_MAX_WRONG_CODES) return null;
  return row;
}

/** Uses the challenge up; false when another request got there first. */
export async function claimChallenge(id: string): Promise<boolean> {
  const { count } = await prisma().authChallenge.deleteMany({ where: { id } });
  return count === 1;
}

/** Counts a wrong code; at the fifth the token dies. Whether it is still alive. */
export async function countWrongCode(id: string): Promise<boolean> {
  const row = await prisma().authChallenge.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } }).catch(() => null);
  if (!row || row.attempts >= MFA_MAX_WRONG_CODES) {
    await prisma().authChallenge.deleteMany({ where: { id } });
    return false;
  }
  return true;
}
