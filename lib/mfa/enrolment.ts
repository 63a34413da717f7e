import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { markAuthenticated, type ResolvedSession } from "@/lib/auth/sessions";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { factorNoticeMail } from "@/lib/mail/templates";
import { replaceRecoveryCodes, sealTotpSecret, secondFactorMethods, acceptTotpCode } from "./factors";
import { newTotpSecret, otpauthUrl } from "./totp";

// Adding and removing second factors, each with its audit event and its mail. The step-up
// (recent authentication) is declared by the routes and actions that call these.

const notice = (email: string, what: Parameters<typeof factorNoticeMail>[1], factor?: string) =>
  runInBackground(`factor-${what}-notice`, () => sendMail(factorNoticeMail(email, what, { factor })));

/** Drops the sessions' level when the last factor is gone: level 2 means "proved a factor that exists". */
export async function levelDownWithoutFactors(userId: string): Promise<void> {
  if ((await secondFactorMethods(userId)).length === 0) {
    await prisma().$transaction([
      prisma().recoveryCode.deleteMany({ where: { userId } }),
      prisma().session.updateMany({ where: { userId }, data: { level: 1 } }),
    ]);
  }
}

/** A pending TOTP enrolment: the secret to scan, not usable until confirmed with a code. */
export async function startTotpEnrolment(session: ResolvedSession) {
  const userId = session.user.id;
  const existing = await prisma().totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) throw new ApiError("factor_exists", "An authenticator app is already set up; remove it first to set up another");
  const secret = newTotpSecret();
  const secretEnc = sealTotpSecret(secret);
  await prisma().totpFactor.upsert({ where: { userId }, create: { userId, secretEnc }, update: { secretEnc, lastStep: null, createdAt: new Date() } });
  return { secret, otpauth_url: otpauthUrl(secret, session.user.email) };
}

export const invalidEnrolmentCode = () =>
  new ApiError("invalid_code", "That code is not right: check the time on your phone and enter the code your app shows now", { fields: { code: "That code is not right" } }, {}, 400);

/** Activates the pending TOTP with a code from the app; the new recovery codes, to show once. This session has now proved the factor. */
export async function confirmTotpEnrolment(session: ResolvedSession, code: string, ctx: RequestContext): Promise<string[]> {
  const userId = session.user.id;
  if ((await acceptTotpCode(userId, code, { pending: true })) === null) throw invalidEnrolmentCode();
  const { count } = await prisma().totpFactor.updateMany({ where: { userId, confirmedAt: null }, data: { confirmedAt: new Date() } });
  if (count !== 1) throw invalidEnrolmentCode();
  const codes = await replaceRecoveryCodes(userId);
  await markAuthenticated(session.id, 2);
  await recordAudit({ type: "factor_added", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { factor: "totp" } });
  await recordAudit({ type: "recovery_codes_created", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { count: codes.length } });
  notice(session.user.email, "added", "authenticator app");
  return codes;
}

export async function disableTotp(session: ResolvedSession, ctx: RequestContext): Promise<void> {
  const userId = session.user.id;
  const { count } = await prisma().totpFactor.deleteMany({ where: { userId, confirmedAt: { not: null } } });
  if (!count) throw notFound("Authenticator app");
  await levelDownWithoutFactors(userId);
  await recordAudit({ type: "factor_removed", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { factor: "totp" } });
  notice(session.user.email, "removed", "authenticator app");
}

/** A new set of recovery codes (the old set is dead); only for users with a factor. */
export async function regenerateRecoveryCodes(session: ResolvedSession, ctx: RequestContext): Promise<string[]> {
  const userId = session.user.id;
  if ((await secondFactorMethods(userId)).length === 0) throw new ApiError("validation_error", "Set up an authenticator app or a passkey first", { fields: { body: "No second factor to recover" } });
  const codes = await replaceRecoveryCodes(userId);
  await recordAudit({ type: "recovery_codes_created", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { count: codes.length } });
  return codes;
}
