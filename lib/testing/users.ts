import { POST as register } from "@/app/api/auth/register/route";
import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import { resolveSession } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RequestContext } from "@/lib/http/request-context";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/mfa/enrolment";
import { totpCodeAt, totpStep } from "@/lib/mfa/totp";
import { decryptBody } from "@/lib/mail/body-crypto";
import { STRONG_PASSWORD, callRoute, randomEmail } from "./http";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
  /** With `totp`: the base32 secret (for codes) and the recovery codes shown at enrolment. */
  totpSecret?: string;
  recoveryCodes?: string[];
}

const ctx: RequestContext = { requestId: "test-setup", ip: "10.255.255.1", userAgent: "vitest" };

/**
 * Registers a user through the real route; optionally gives them a role directly in the
 * database. Staff whose role needs a second factor (MFA_REQUIRED_ROLES), and anyone with
 * `totp: true`, get an authenticator app enrolled through the real functions, which leaves
 * the returned session at level 2, as if they had signed in with it.
 */
export async function createTestUser(opts: { role?: Role; name?: string; totp?: boolean } = {}): Promise<TestUser> {
  const email = randomEmail(opts.role ?? "user");
  const name = opts.name ?? "Test User";
  const res = await callRoute(register, "/api/auth/register", { body: { email, name, password: STRONG_PASSWORD } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.json)}`);
  const id = (res.json.user as { id: string }).id;
  const token = res.json.token as string;
  if (opts.role && opts.role !== "user") await prisma().user.update({ where: { id }, data: { role: opts.role } });
  const user: TestUser = { id, email, name, password: STRONG_PASSWORD, token };
  if (opts.totp ?? (opts.role ? roleNeedsSecondFactor(opts.role) : false)) {
    const session = (await resolveSession(token))!;
    const { secret } = await startTotpEnrolment(session);
    user.recoveryCodes = await confirmTotpEnrolment(session, totpCodeAt(secret, totpStep()), ctx);
    user.totpSecret = secret;
  }
  return user;
}

/** A code for the user's authenticator that has not been used yet (the next time step: within the drift window). */
export async function freshTotpCode(user: TestUser, offset = 1): Promise<string> {
  const factor = await prisma().totpFactor.findUniqueOrThrow({ where: { userId: user.id }, select: { lastStep: true } });
  const step = Math.max(totpStep() + offset, (factor.lastStep ?? 0) + 1);
  return totpCodeAt(user.totpSecret!, step);
}

/** The user's mail, bodies decrypted (they are encrypted at rest). */
export async function outboxFor(email: string) {
  const rows = await prisma().mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ ...m, text: decryptBody(m.text, m.to), html: decryptBody(m.html, m.to) }));
}

/** The token of the latest /verify-email link mailed to this address (verification or email change). */
export async function emailLinkToken(email: string): Promise<string> {
  const mail = (await outboxFor(email)).filter((m) => m.kind === "email_verification" || m.kind === "email_change").at(-1);
  const m = mail?.text.match(/verify-email\?token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no verification link mailed to ${email}`);
  return m[1];
}

export function linkToken(text: string): string {
  const m = text.match(/reset-password\?token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no reset link in: ${text}`);
  return m[1];
}
