import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { afterFirstFactor, countSignIn, type SecondFactorRequired } from "@/lib/auth/sign-in";
import { markAuthenticated, type SafeUser, type SignedIn } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RequestContext } from "@/lib/http/request-context";
import { sendEmailVerification } from "@/lib/email/verification";
import { limitByIp } from "@/lib/security/rate-limit";
import { reservePasswordAttempt } from "@/lib/security/sign-in-guard";
import type { ProviderProfile } from "./providers";

// The sign-in decision for a person a provider vouched for (Auth.js ran the OAuth / OpenID
// Connect flow and checked state, PKCE and nonce). It inherits everything a password
// sign-in has: the per-IP limit, the lockout, the audit trail, the second factor, and a
// session of our own (lib/auth/sessions.ts). Refusals are FederationErrors: the callback
// turns them into a message on /login.

export interface Identity extends ProviderProfile {
  provider: string;
}

export type FederationErrorCode =
  | "account_exists"
  | "signin_refused"
  | "no_email"
  | "already_connected_elsewhere"
  | "provider_already_connected"
  | "reauth_mismatch";

/** An expected refusal of a federated sign-in or connection, shown on the page it returns to. */
export class FederationError extends Error {
  constructor(readonly code: FederationErrorCode) {
    super(code);
  }
}

const SAFE_USER = { id: true, email: true, name: true, role: true, createdAt: true, isActive: true, emailVerified: true } as const;

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

function findByIdentity(identity: Identity) {
  return prisma().account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.id } },
    select: { user: { select: SAFE_USER } },
  });
}

/** Signs in (or, the first time, registers) the person the provider names. */
export function signInWithProvider(identity: Identity, ctx: RequestContext): Promise<SignedIn | SecondFactorRequired> {
  return countSignIn(() => decideFederatedSignIn(identity, ctx));
}

async function decideFederatedSignIn(identity: Identity, ctx: RequestContext): Promise<SignedIn | SecondFactorRequired> {
  await limitByIp("loginIp", ctx);
  const audit = { ctx, email: identity.email } as const;
  const user = (await findByIdentity(identity))?.user ?? (await registerFromProvider(identity, ctx));

  if (!user.isActive) {
    await recordAudit({ ...audit, type: "login", outcome: "failure", targetUserId: user.id, metadata: { reason: "deactivated", provider: identity.provider } });
    throw new FederationError("signin_refused");
  }
  // The lock and failure budgets of the account's email hold here too; a success forgets
  // the failure streak, as a right password does.
  const attempt = await reservePasswordAttempt(user.email, ctx, { type: "login", targetUserId: user.id });

  // The provider vouching for the account's own address verifies it.
  if (!user.emailVerified && identity.emailVerified && identity.email === user.email) {
    await prisma().user.update({ where: { id: user.id }, data: { emailVerified: new Date() }, select: { id: true } });
  }

  const safe: SafeUser = { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt };
  return afterFirstFactor(safe, ctx, attempt, { stage: "provider", method: "federated", metadata: { provider: identity.provider } });
}

/**
 * The first sign-in of an identity: a new account with the provider's email (verified when
 * the provider says so) and name. An email that already has an account is never linked
 * silently: its owner connects the provider from Settings.
 */
async function registerFromProvider(identity: Identity, ctx: RequestContext) {
  if (!identity.email) throw new FederationError("no_email");
  const refuse = async () => {
    await recordAudit({ type: "register", outcome: "failure", ctx, email: identity.email, metadata: { reason: "email_taken", provider: identity.provider } });
    return new FederationError("account_exists");
  };
  if (await prisma().user.findUnique({ where: { email: identity.email }, select: { id: true } })) throw await refuse();
  try {
    const user = await prisma().user.create({
      data: {
        email: identity.email,
        name: identity.name,
        emailVerified: identity.emailVerified ? new Date() : null,
        accounts: { create: { type: identity.provider === "github" ? "oauth" : "oidc", provider: identity.provider, providerAccountId: identity.id } },
      },
      select: SAFE_USER,
    });
    await recordAudit({ type: "register", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { provider: identity.provider, email_verified: identity.emailVerified } });
    // The provider did not vouch for the address: the user proves it, as after registering.
    if (!user.emailVerified) await sendEmailVerification(user, ctx, { reason: "federated" });
    return user;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Two first sign-ins of one identity at once: the other one created it.
    const raced = await findByIdentity(identity);
    if (raced) return raced.user;
    throw await refuse();
  }
}

/**
 * Connects an identity to the signed-in user (Settings, after a recent authentication).
 * An identity already connected to someone else stays theirs; one connection per provider.
 */
export async function connectProvider(userId: string, identity: Identity, ctx: RequestContext): Promise<void> {
  const existing = await findByIdentity(identity);
  if (existing?.user.id === userId) return;
  const refuse = async (code: FederationErrorCode) => {
    await recordAudit({ type: "account_linked", outcome: "failure", ctx, actorId: userId, targetUserId: userId, metadata: { provider: identity.provider, reason: code } });
    return new FederationError(code);
  };
  if (existing) throw await refuse("already_connected_elsewhere");
  try {
    await prisma().account.create({
      data: { userId, type: identity.provider === "github" ? "oauth" : "oidc", provider: identity.provider, providerAccountId: identity.id },
      select: { id: true },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Either this identity was connected a moment ago (by this user: done; by another: theirs),
    // or the user already has another identity of this provider.
    const raced = await findByIdentity(identity);
    if (raced?.user.id === userId) return;
    throw await refuse(raced ? "already_connected_elsewhere" : "provider_already_connected");
  }
  await recordAudit({ type: "account_linked", outcome: "success", ctx, actorId: userId, targetUserId: userId, metadata: { provider: identity.provider } });
}

/**
 * Re-authentication with a provider, for users without a password (SPEC 10 step-up): the
 * identity must be one already connected to the session's user. The session's level stays.
 */
export async function reauthenticateWithProvider(session: { id: string; user: { id: string; email: string } }, identity: Identity, ctx: RequestContext): Promise<void> {
  await limitByIp("mfaIp", ctx);
  const base = { type: "reauthenticated" as const, ctx, actorId: session.user.id, targetUserId: session.user.id };
  const owner = await findByIdentity(identity);
  if (owner?.user.id !== session.user.id) {
    await recordAudit({ ...base, outcome: "failure", metadata: { method: "federated", provider: identity.provider, reason: "other_identity" } });
    throw new FederationError("reauth_mismatch");
  }
  await markAuthenticated(session.id);
  await recordAudit({ ...base, outcome: "success", metadata: { method: "federated", provider: identity.provider } });
}
