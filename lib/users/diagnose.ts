import "server-only";
import { emailHashes } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { providerName } from "@/lib/federation/providers";
import { undeliveredAccountMail } from "@/lib/mail/admin";
import { lockRemainingSeconds } from "@/lib/security/lockout";
import { signInLimitState } from "@/lib/security/sign-in-guard";
import type { Blocker } from "@/lib/openapi/schemas";

/** One reason sign-in fails now: its shape is the API's (lib/openapi/schemas.ts blockerSchema). */
export type { Blocker };

const time = (d: Date) => d.toISOString().slice(11, 16) + " UTC";
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "Why can't they sign in?": every reason that applies now, most blocking first. */
export async function diagnoseSignIn(userId: string, now = Date.now()): Promise<Blocker[]> {
  const user = await prisma().user.findUnique({
    where: { id: userId },
    select: { email: true, isActive: true, passwordHash: true, deactivatedAt: true, deactivatedById: true, failedLoginCount: true, emailVerified: true },
  });
  if (!user) return [];
  const blockers: Blocker[] = [];

  if (!user.isActive) {
    const by = user.deactivatedById
      ? await prisma().user.findUnique({ where: { id: user.deactivatedById }, select: { name: true, email: true } })
      : null;
    blockers.push({
      kind: "deactivated",
      summary: `Deactivated${by ? ` by ${by.name ?? by.email}` : ""}${user.deactivatedAt ? ` on ${day(user.deactivatedAt)}` : ""}. Sign-in fails with the generic error.`,
      remedy: "An administrator can reactivate the account.",
      action: "reactivate",
    });
  }

  const lockedFor = await lockRemainingSeconds(user.email);
  if (lockedFor > 0) {
    const since = new Date(now - (env.LOCKOUT_DURATION_S + env.LOCKOUT_WINDOW_S) * 1000);
    const failures = await prisma().auditEvent.findMany({
      where: { type: "login", outcome: "failure", emailHash: { in: emailHashes(user.email) }, createdAt: { gte: since }, NOT: { metadata: { equals: { reason: "locked" } } } },
      select: { ip: true },
    });
    const ips = new Set(failures.map((f) => f.ip)).size;
    blockers.push({
      kind: "locked",
      summary: `Locked until ${time(new Date(now + lockedFor * 1000))} after ${failures.length || user.failedLoginCount} failed sign-ins from ${ips} IP${ips === 1 ? "" : "s"}.`,
      remedy: "Unlock now, or the lock ends by itself; a password reset also clears it.",
      action: "unlock",
    });
  }

  const emailLimit = await signInLimitState(user.email);
  if (emailLimit.exceeded) {
    blockers.push({
      kind: "rate_limited",
      summary: `Sign-ins for this email are rate-limited for another ${emailLimit.retryAfterS} s (${emailLimit.points} failed attempts from all networks in ${emailLimit.duration / 60} min).`,
      remedy: "Unlock clears the limit; ask the user to wait otherwise.",
      action: "unlock",
    });
  }

  const wrongCodes = await prisma().auditEvent.count({
    where: { type: "login", outcome: "failure", targetUserId: userId, createdAt: { gte: new Date(now - env.LOCKOUT_WINDOW_S * 1000) }, OR: [{ metadata: { path: ["reason"], equals: "wrong_code" } }, { metadata: { path: ["reason"], equals: "wrong_recovery_code" } }] },
  });
  if (wrongCodes > 0) {
    blockers.push({
      kind: "wrong_codes",
      summary: `${wrongCodes} wrong second-factor code${wrongCodes === 1 ? "" : "s"} in the last ${Math.round(env.LOCKOUT_WINDOW_S / 60)} min (they count towards the lockout).`,
      remedy: "Their password is right. Ask them to check the clock on their phone, or to use a recovery code; if they lost the device and have no codes, an administrator can reset their second factors.",
      action: "reset_factors",
    });
  }
  const [totp, passkeys, codesLeft] = await Promise.all([
    prisma().totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma().passkey.count({ where: { userId } }),
    prisma().recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  if ((totp?.confirmedAt || passkeys > 0) && codesLeft === 0) {
    blockers.push({
      kind: "no_recovery_codes",
      summary: `Has ${totp?.confirmedAt ? "an authenticator app" : ""}${totp?.confirmedAt && passkeys ? " and " : ""}${passkeys ? `${passkeys} passkey${passkeys === 1 ? "" : "s"}` : ""} but no recovery codes left: losing the device locks them out.`,
      remedy: "If they lost their factor, an administrator can reset their second factors after checking who they are; they then sign in with the password.",
      action: "reset_factors",
    });
  }

  if (env.REQUIRE_VERIFIED_EMAIL && !user.emailVerified) {
    blockers.push({
      kind: "email_unverified",
      summary: "Email not verified, which sign-in requires here (REQUIRE_VERIFIED_EMAIL): a right password is refused with a request to open the link.",
      remedy: "Each refused sign-in mails them a new link (a few an hour); or send one now. Links work for 24 hours.",
      action: "send_verification",
    });
  }

  const providers = await prisma().account.findMany({ where: { userId }, select: { provider: true } });
  if (!user.passwordHash && providers.length > 0) {
    const names = providers.map((p) => providerName(p.provider)).join(" or ");
    blockers.push({
      kind: "provider_only",
      summary: `Signs in with ${names} only: the account has no password${passkeys ? ` (and ${passkeys} passkey${passkeys === 1 ? "" : "s"})` : ""}, so the password form always fails for it.`,
      remedy: `Ask them to use "Continue with ${names}" on the sign-in page. If they want a password, a reset link sets one.`,
      action: "send_reset",
    });
  } else if (!user.passwordHash) {
    blockers.push({ kind: "no_password", summary: "The account has no password.", remedy: "Send a password reset link.", action: "send_reset" });
  }

  for (const mail of await undeliveredAccountMail(user.email)) {
    const what = mail.kind === "password_reset" ? "password reset" : "verification";
    const asked = `${time(mail.createdAt)} on ${day(mail.createdAt)}`;
    const tries = `${mail.attempts} ${mail.attempts === 1 ? "try" : "tries"}`;
    const lastError = mail.error ? `; last error: ${mail.error}` : "";
    blockers.push({
      kind: "mail_undelivered",
      summary:
        mail.status === "dead"
          ? `The ${what} mail from ${asked} was never delivered: gave up after ${tries}${lastError}.`
          : `The ${what} mail from ${asked} is not delivered yet (${tries}${lastError}); next try at ${time(mail.nextAttemptAt ?? new Date(now))}.`,
      remedy: "An administrator can see the mail server's error and retry or drop the mail under Mail. Once mail works, a new link can be sent.",
      action: null,
    });
  }

  const pending = await prisma().emailToken.findFirst({
    where: { userId, purpose: "change", usedAt: null, expires: { gt: new Date(now) } },
    orderBy: { createdAt: "desc" },
    select: { email: true, expires: true },
  });
  if (pending) {
    // Information, not a blocker: the account keeps its address (and signs in with it) until the link is used.
    blockers.push({
      kind: "pending_email_change",
      summary: `An email change to ${pending.email} is waiting for its link (until ${time(pending.expires)} on ${day(pending.expires)}); until it is used they sign in with ${user.email}.`,
      remedy: "If they lost the mail, they can ask for the change again in Settings; a new request replaces this one.",
      action: null,
    });
  }

  if (blockers.every((b) => b.kind === "pending_email_change")) {
    const last = await prisma().auditEvent.findFirst({
      where: { type: "login", outcome: "failure", OR: [{ targetUserId: userId }, { emailHash: { in: emailHashes(user.email) } }] },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, metadata: true },
    });
    const reason = (last?.metadata as { reason?: string } | null)?.reason?.replace(/_/g, " ");
    blockers.push({
      kind: "none",
      summary: last
        ? `Nothing blocks sign-in: last failure was ${reason ?? "a failed sign-in"} at ${time(last.createdAt)} on ${day(last.createdAt)}.`
        : "Nothing blocks sign-in, and there are no failed sign-ins on record.",
      remedy: "If they forgot the password, send a reset link.",
      action: "send_reset",
    });
  }
  return blockers;
}
