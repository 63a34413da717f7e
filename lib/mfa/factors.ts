import "server-only";
import { keyedHash, open, seal } from "@/lib/auth/secret-box";
import { prisma } from "@/lib/db/client";
import { generateRecoveryCodes, normalizeRecoveryCode } from "./recovery-codes";
import { matchTotpStep } from "./totp";

// A user's second factors as stored: the TOTP secret sealed, recovery codes as keyed hashes,
// passkeys as the authenticator registered them. Using a code is one conditional update, so
// the same code sent twice at once is accepted once.

const TOTP_SEAL = "totp-secret";
const RECOVERY_HASH = "recovery-code";

export const sealTotpSecret = (secret: string) => seal(TOTP_SEAL, secret);
export const openTotpSecret = (sealed: string) => open(TOTP_SEAL, sealed);
const hashRecoveryCode = (code: string) => keyedHash(RECOVERY_HASH, normalizeRecoveryCode(code));

export type SignInMethod = "totp" | "recovery_code" | "passkey";

/** What proves this user after their password: empty when they have no second factor. */
export async function secondFactorMethods(userId: string): Promise<SignInMethod[]> {
  const [totp, passkeys, codes] = await Promise.all([
    prisma().totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma().passkey.count({ where: { userId } }),
    prisma().recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const methods: SignInMethod[] = [];
  if (totp?.confirmedAt) methods.push("totp");
  if (passkeys > 0) methods.push("passkey");
  // Recovery codes stand in for a factor the user has; alone they are not a factor.
  if (methods.length > 0 && codes > 0) methods.push("recovery_code");
  return methods;
}

/** GET /api/auth/factors, the settings page and the console: names and dates, never a secret. */
export async function factorSummary(userId: string) {
  const [totp, passkeys, remaining] = await Promise.all([
    prisma().totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true, lastUsedAt: true } }),
    prisma().passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true } }),
    prisma().recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return {
    totp: { enabled: Boolean(totp?.confirmedAt), created_at: totp?.confirmedAt?.toISOString() ?? null, last_used_at: totp?.lastUsedAt?.toISOString() ?? null },
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, created_at: p.createdAt.toISOString(), last_used_at: p.lastUsedAt?.toISOString() ?? null, backed_up: p.backedUp })),
    recovery_codes: { remaining },
  };
}

export type FactorSummary = Awaited<ReturnType<typeof factorSummary>>;

/**
 * Accepts a TOTP code once: the code must match a step no later than one already used (no
 * replay within its window). Which step was claimed, or null.
 */
export async function acceptTotpCode(userId: string, code: string, opts: { pending?: boolean; now?: number } = {}): Promise<number | null> {
  const now = opts.now ?? Date.now();
  const factor = await prisma().totpFactor.findUnique({ where: { userId }, select: { secretEnc: true, confirmedAt: true } });
  if (!factor || Boolean(factor.confirmedAt) === Boolean(opts.pending)) return null;
  const step = matchTotpStep(openTotpSecret(factor.secretEnc), code, now);
  if (step === null) return null;
  const { count } = await prisma().totpFactor.updateMany({
    where: { userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step, lastUsedAt: new Date(now) },
  });
  return count === 1 ? step : null;
}

/** Spends one recovery code; the number left afterwards, or null when the code is not one of theirs (or spent). */
export async function spendRecoveryCode(userId: string, code: string, now = new Date()): Promise<number | null> {
  if (normalizeRecoveryCode(code).length !== 10) return null;
  const { count } = await prisma().recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return null;
  return prisma().recoveryCode.count({ where: { userId, usedAt: null } });
}

/** A new set of recovery codes; the old set is dead in the same transaction. The codes, to show once. */
export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await prisma().$transaction([
    prisma().recoveryCode.deleteMany({ where: { userId } }),
    prisma().recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) }),
  ]);
  return codes;
}
