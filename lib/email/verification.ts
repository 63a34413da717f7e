import "server-only";
import { hashEmail, recordAudit } from "@/lib/audit/audit";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { emailVerificationMail } from "@/lib/mail/templates";
import { limitByIp, limitByUser } from "@/lib/security/rate-limit";

// Email ownership (SPEC 11): a mailed link proves a mailbox. "verify" links prove the
// account's own address; "change" links (lib/email/change.ts) prove a new one, which becomes
// the account's when the link is used. Both are single use, stored as SHA-256 hashes
// (like reset tokens and sessions), valid 24 h, confirmed by POST /api/auth/email/verify or
// the button on /verify-email (never on GET: mail scanners open links).

export const EMAIL_TOKEN_HOURS = 24;
export type EmailTokenPurpose = "verify" | "change";

export const invalidEmailToken = () =>
  new ApiError("invalid_or_expired_token", "This link is invalid, expired or already used; ask for a new one");
export const addressTaken = () => new ApiError("email_taken", "Another account already uses this email address");
export const alreadyVerified = () => new ApiError("email_already_verified", "This email address is already verified");

/** Stores a new link for the user and purpose, replacing their pending one; the raw token, for the mail only. */
export async function issueEmailToken(userId: string, email: string, purpose: EmailTokenPurpose, now = Date.now()): Promise<string> {
  const token = generateToken();
  await prisma().$transaction([
    prisma().emailToken.deleteMany({ where: { userId, purpose, usedAt: null } }),
    prisma().emailToken.create({
      data: { userId, purpose, email, tokenHash: hashToken(token), expires: new Date(now + EMAIL_TOKEN_HOURS * 3_600_000), createdAt: new Date(now) },
    }),
  ]);
  return token;
}

/**
 * Mails the user a link that verifies their current address (a newer link replaces an
 * older one) and records it. No limits here: registration, sign-in with a provider that did
 * not assert the address, and staff call it; what a user can trigger themselves goes
 * through resendEmailVerification.
 */
export async function sendEmailVerification(
  user: { id: string; email: string },
  ctx: RequestContext,
  opts: { actorId?: string; reason?: "registration" | "resend" | "sign_in" | "staff" | "federated" } = {},
): Promise<void> {
  const token = await issueEmailToken(user.id, user.email, "verify");
  const actorId = opts.actorId ?? user.id;
  await recordAudit({
    type: "email_verification_sent",
    outcome: "success",
    ctx,
    actorId,
    targetUserId: user.id,
    metadata: { reason: opts.reason ?? "registration", ...(actorId !== user.id ? { by_staff: true } : {}) },
  });
  await sendMail(emailVerificationMail(user.email, token, EMAIL_TOKEN_HOURS));
}

/** "Send again" for the signed-in user: 409 when already verified, 429 past the per-IP or per-user limit. */
export async function resendEmailVerification(userId: string, ctx: RequestContext): Promise<void> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true, emailVerified: true } });
  if (!user) throw notFound("User");
  if (user.emailVerified) throw alreadyVerified();
  await limitByIp("verifyMailIp", ctx);
  await limitByUser("verifyMailUser", user.id, ctx);
  await sendEmailVerification(user, ctx, { reason: "resend" });
}

export interface EmailStatus {
  email: string;
  verifiedAt: Date | null;
  /** A change asked for and not confirmed yet: the new address and when its link dies. */
  pendingChange: { email: string; expires: Date } | null;
}

/**
 * What the dashboard, Settings and the console show about the user's address. `known`: the
 * address and its verification as the caller already read them (the signed-in user's own,
 * from the session's join), so that only the pending change is read.
 */
export async function emailStatus(userId: string, known?: { email: string; emailVerified: Date | null }, now = Date.now()): Promise<EmailStatus | null> {
  const [user, pending] = await Promise.all([
    known ?? prisma().user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } }),
    prisma().emailToken.findFirst({
      where: { userId, purpose: "change", usedAt: null, expires: { gt: new Date(now) } },
      orderBy: { createdAt: "desc" },
      select: { email: true, expires: true },
    }),
  ]);
  if (!user) return null;
  return { email: user.email, verifiedAt: user.emailVerified, pendingChange: pending };
}

export interface ConfirmedEmail {
  purpose: EmailTokenPurpose;
  /** The address the link proved: the account's address from now on. */
  email: string;
}

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/**
 * Uses a link: single use (claimed in the transaction that makes the change, so 20 uses at
 * once work once), not after 24 h, not for a deactivated account. A verification link
 * proves only the address it was sent to (void once the address changed). A change link
 * moves the account to the new address and marks it verified (the link proves the mailbox);
 * if another account took the address meanwhile, the unique index refuses it (409
 * email_taken) and the transaction, with the claim, rolls back: two accounts confirming the
 * same new address at once, exactly one wins.
 */
export async function confirmEmailToken(token: string, ctx: RequestContext, now = Date.now()): Promise<ConfirmedEmail> {
  const row = token && token.length <= 200 ? await prisma().emailToken.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
  const auditType = row?.purpose === "change" ? "email_changed" : "email_verified";
  const refuse = async (reason: string) => {
    await recordAudit({ type: auditType, outcome: "failure", ctx, targetUserId: row?.userId, metadata: { reason } });
    return invalidEmailToken();
  };
  if (!row) throw await refuse("unknown_token");
  if (row.usedAt) throw await refuse("used");
  if (row.expires.getTime() <= now) throw await refuse("expired");
  const user = await prisma().user.findUnique({ where: { id: row.userId }, select: { id: true, email: true, isActive: true } });
  if (!user || !user.isActive) throw await refuse("deactivated");
  const purpose = row.purpose === "change" ? "change" : "verify";
  if (purpose === "verify" && user.email !== row.email) throw await refuse("address_changed");

  const at = new Date(now);
  let oldEmail = user.email;
  let claimed: boolean;
  try {
    claimed = await prisma().$transaction(async (tx) => {
      const claim = await tx.emailToken.updateMany({ where: { id: row.id, usedAt: null, expires: { gt: at } }, data: { usedAt: at } });
      if (claim.count !== 1) return false;
      if (purpose === "verify") {
        await tx.user.updateMany({ where: { id: user.id, email: row.email, emailVerified: null }, data: { emailVerified: at } });
        await tx.emailToken.deleteMany({ where: { userId: user.id, purpose: "verify", usedAt: null } });
        return true;
      }
      const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
      oldEmail = before.email;
      await tx.user.update({ where: { id: user.id }, data: { email: row.email, emailVerified: at }, select: { id: true } });
      // Links for the old address (and any other pending one) die with it.
      await tx.emailToken.deleteMany({ where: { userId: user.id, usedAt: null } });
      return true;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await recordAudit({ type: "email_changed", outcome: "failure", ctx, actorId: user.id, targetUserId: user.id, metadata: { reason: "email_taken", new: hashEmail(row.email) } });
    throw addressTaken();
  }
  if (!claimed) throw await refuse("used");

  if (purpose === "verify") {
    await recordAudit({ type: "email_verified", outcome: "success", ctx, actorId: user.id, targetUserId: user.id });
  } else {
    await recordAudit({ type: "email_changed", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { old: hashEmail(oldEmail), new: hashEmail(row.email) } });
  }
  return { purpose, email: row.email };
}

export const emailUnverified = (message: string) => new ApiError("email_unverified", message);

/**
 * REQUIRE_VERIFIED_EMAIL: called only once the password (or passkey) has proved the user, and
 * before any session or second-factor challenge, so the refusal tells nothing to someone
 * without it. It mails a new link itself (within the per-user limit; past it, the links
 * already sent still work) and says so: the sign-in page needs no second step to offer one.
 */
export async function assertEmailVerifiedForSignIn(userId: string, ctx: RequestContext): Promise<void> {
  if (!env.REQUIRE_VERIFIED_EMAIL) return;
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true, emailVerified: true } });
  if (!user || user.emailVerified) return;
  let sent = true;
  try {
    await limitByUser("verifyMailUser", user.id, ctx);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "rate_limit_exceeded") throw err;
    sent = false;
  }
  await recordAudit({ type: "login", outcome: "failure", ctx, targetUserId: user.id, email: user.email, metadata: { reason: "email_unverified", link_sent: sent } });
  if (sent) await sendEmailVerification(user, ctx, { reason: "sign_in" });
  throw emailUnverified(
    sent
      ? "Confirm your email address before signing in: we have just sent a new link to it. Open it, then sign in again."
      : "Confirm your email address before signing in: use the link we sent to it recently, then sign in again.",
  );
}
