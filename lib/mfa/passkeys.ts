import "server-only";
import { countSignInMethods, lastSignInMethod, lockSignInMethods } from "@/lib/federation/accounts";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { recordAudit } from "@/lib/audit/audit";
import type { ResolvedSession, SignedIn } from "@/lib/auth/sessions";
import { completeSignIn, invalidCredentials } from "@/lib/auth/sign-in";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError, notFound, validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/mail";
import { factorNoticeMail } from "@/lib/mail/templates";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import { claimChallenge, findChallenge, issueChallenge } from "./challenges";
import { levelDownWithoutFactors } from "./enrolment";
import { mfaTokenUser } from "./mfa-sign-in";

// Passkeys (WebAuthn) with @simplewebauthn/server: relying party id and origin from APP_URL,
// user verification required, discoverable credentials, counter and backup state stored.
// A passkey signs in alone (level 2) or serves as the second factor after a password.

const rp = () => {
  const url = new URL(env.APP_URL);
  return { id: url.hostname, origin: url.origin, name: "Latchkey" };
};

/** The challenge a WebAuthn response signed (base64url), read from its clientDataJSON. */
function signedChallenge(clientDataJSON: string): string {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" ? data.challenge : "";
  } catch {
    return "";
  }
}

const badResponse = () => validationError({ response: "That passkey response is not valid; try again" });

/** Registration options for a new passkey of the signed-in user (the route asks for a recent authentication). */
export async function passkeyRegistrationOptions(session: ResolvedSession) {
  const existing = await prisma().passkey.findMany({ where: { userId: session.user.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp().name,
    rpID: rp().id,
    userName: session.user.email,
    userDisplayName: session.user.name ?? session.user.email,
    userID: new TextEncoder().encode(session.user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await issueChallenge("passkey_register", { userId: session.user.id, token: options.challenge });
  return options;
}

/** Stores the passkey the browser created with those options. */
export async function registerPasskey(session: ResolvedSession, response: RegistrationResponseJSON, name: string, ctx: RequestContext) {
  const challenge = await findChallenge("passkey_register", signedChallenge(response.response.clientDataJSON));
  if (!challenge || challenge.userId !== session.user.id || !(await claimChallenge(challenge.id))) throw badResponse();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: signedChallenge(response.response.clientDataJSON),
      expectedOrigin: rp().origin,
      expectedRPID: rp().id,
      requireUserVerification: true,
    });
  } catch (err) {
    log.info({ request_id: ctx.requestId, reason: err instanceof Error ? err.message : String(err) }, "passkey registration refused");
    throw badResponse();
  }
  if (!verification.verified) throw badResponse();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  const passkey = await prisma().passkey.create({
    data: {
      userId: session.user.id,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey),
      counter: BigInt(credential.counter),
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name,
    },
    select: { id: true, name: true, createdAt: true },
  });
  await recordAudit({ type: "factor_added", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { factor: "passkey", passkeyId: passkey.id, name } });
  runInBackground("passkey-added-notice", () => sendMail(factorNoticeMail(session.user.email, "added", { factor: `passkey "${name}"` })));
  return { id: passkey.id, name: passkey.name, created_at: passkey.createdAt.toISOString() };
}

export async function removePasskey(session: ResolvedSession, passkeyId: string, ctx: RequestContext): Promise<void> {
  // Under the user's lock: a passkey can be the last way in for someone without a password.
  const passkey = await prisma().$transaction(async (tx) => {
    const methods = await lockSignInMethods(tx, session.user.id);
    const row = await tx.passkey.findFirst({ where: { id: passkeyId, userId: session.user.id }, select: { id: true, name: true } });
    if (row && countSignInMethods(methods) > 1) await tx.passkey.deleteMany({ where: { id: row.id } });
    return row && { ...row, last: countSignInMethods(methods) <= 1 };
  });
  if (!passkey) throw notFound("Passkey");
  if (passkey.last) throw lastSignInMethod();
  await levelDownWithoutFactors(session.user.id);
  await recordAudit({ type: "factor_removed", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { factor: "passkey", passkeyId: passkey.id, name: passkey.name } });
  runInBackground("passkey-removed-notice", () => sendMail(factorNoticeMail(session.user.email, "removed", { factor: `passkey "${passkey.name}"` })));
}

/**
 * Options to sign in with a passkey: any discoverable passkey of this site (sign-in alone,
 * and the browser's autofill), or, with an mfa_token, one of that user's passkeys.
 */
export async function passkeyLoginOptions(ctx: RequestContext, mfaToken?: string) {
  const user = mfaToken !== undefined ? (await mfaTokenUser(mfaToken, ctx)).user : null;
  const allowCredentials = user
    ? (await prisma().passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } })).map((p) => ({ id: p.credentialId, transports: p.transports }))
    : [];
  const options = await generateAuthenticationOptions({ rpID: rp().id, allowCredentials, userVerification: "required" });
  await issueChallenge("passkey_login", { userId: user?.id, token: options.challenge });
  return options;
}

/** Signs in with a passkey (level 2): alone, or as the second factor of the mfa_token's sign-in. */
export async function signInWithPasskey(response: AuthenticationResponseJSON, ctx: RequestContext, mfaToken?: string): Promise<SignedIn> {
  await limitByIp("loginIp", ctx);
  const expected = signedChallenge(response.response?.clientDataJSON ?? "");
  const challenge = await findChallenge("passkey_login", expected);
  if (!challenge || !(await claimChallenge(challenge.id))) throw badResponse();
  const mfa = mfaToken !== undefined ? await mfaTokenUser(mfaToken, ctx) : null;

  const passkey = await prisma().passkey.findUnique({ where: { credentialId: String(response.id) } });
  const user = passkey
    ? await prisma().user.findUnique({ where: { id: passkey.userId }, select: { id: true, email: true, name: true, role: true, createdAt: true, isActive: true } })
    : null;
  const wrongUser = (challenge.userId && challenge.userId !== passkey?.userId) || (mfa && mfa.user.id !== passkey?.userId);
  if (!passkey || !user || !user.isActive || wrongUser) {
    await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user?.id, email: user?.email, metadata: { reason: !passkey ? "unknown_passkey" : !user?.isActive ? "deactivated" : "wrong_user", method: "passkey" } });
    throw invalidCredentials();
  }
  // The same lock, per-email failure budgets and reserved streak point as a password.
  const attempt = await reservePasswordAttempt(user.email, ctx, { type: "login", targetUserId: user.id });

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected,
      expectedOrigin: rp().origin,
      expectedRPID: rp().id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
      requireUserVerification: true,
    });
  } catch (err) {
    log.info({ request_id: ctx.requestId, reason: err instanceof Error ? err.message : String(err) }, "passkey sign-in refused");
    verification = null;
  }
  if (!verification?.verified) {
    await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user.id, email: user.email, metadata: { reason: "passkey_not_verified", method: "passkey" } });
    await attempt.failed(user.id);
    throw invalidCredentials();
  }
  if (mfa && !(await claimChallenge(mfa.challenge.id))) {
    await attempt.abandoned();
    throw new ApiError("invalid_mfa_token", "This sign-in has expired or was already used; sign in again with your password");
  }
  const info = verification.authenticationInfo;
  await prisma().passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(info.newCounter), backedUp: info.credentialBackedUp, lastUsedAt: new Date() }, select: { id: true } });
  const { id, email, name, role, createdAt } = user;
  return completeSignIn({ id, email, name, role, createdAt }, ctx, { level: 2, method: "passkey", attempt, metadata: { passkeyId: passkey.id } });
}
