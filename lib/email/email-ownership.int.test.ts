import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";

const { logFile } = vi.hoisted(() => {
  const logFile = `${process.env.TMPDIR ?? "/tmp"}/latchkey-email-log-${process.pid}-${Date.now()}.jsonl`;
  process.env.LOG_FILE = logFile;
  process.env.LOG_LEVEL = "info";
  return { logFile };
});

import { POST as changeEmail } from "@/app/api/auth/email/route";
import { POST as resend } from "@/app/api/auth/email/verify/resend/route";
import { POST as verify } from "@/app/api/auth/email/verify/route";
import { POST as login } from "@/app/api/auth/login/route";
import { DELETE as erase } from "@/app/api/users/[id]/route";
import { POST as staffVerification } from "@/app/api/users/[id]/verification/route";
import { hashEmail } from "@/lib/audit/audit";
import { listRecentSignIns } from "@/lib/audit/activity";
import { hashToken } from "@/lib/auth/tokens";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { callRoute, randomEmail, randomIp } from "@/lib/testing/http";
import { createTestUser, emailLinkToken, outboxFor, type TestUser } from "@/lib/testing/users";
import { prune } from "@/lib/ops/prune";
import { exportUserData } from "@/lib/users/account";
import { diagnoseSignIn } from "@/lib/users/diagnose";
import { confirmEmailToken, EMAIL_TOKEN_HOURS } from "./verification";

afterAll(() => rmSync(logFile, { force: true }));

const confirm = (token: string) => callRoute(verify, "/api/auth/email/verify", { body: { token } });
const askChange = (user: TestUser, email: string, headers: Record<string, string> = {}) =>
  callRoute(changeEmail, "/api/auth/email", { token: user.token, body: { email }, headers });
const userRow = (id: string) => prisma().user.findUniqueOrThrow({ where: { id }, select: { email: true, emailVerified: true } });
const auditOf = (userId: string, type: string) => prisma().auditEvent.findMany({ where: { targetUserId: userId, type }, orderBy: { createdAt: "asc" } });
const ctx = { requestId: "email-test", ip: "10.1.2.3", userAgent: "vitest" };

describe("email verification", () => {
  it("registration mails a single-use link, stored only as its hash, that verifies the address once", async () => {
    const user = await createTestUser();
    expect((await userRow(user.id)).emailVerified).toBeNull();
    const [mail] = (await outboxFor(user.email)).filter((m) => m.kind === "email_verification");
    expect(mail.subject).toMatch(/Confirm your email address/);
    expect(mail.text).toContain("http://localhost:3000/verify-email?token=");
    const token = await emailLinkToken(user.email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await prisma().emailToken.findMany({ where: { userId: user.id } });
    expect(rows).toMatchObject([{ purpose: "verify", email: user.email, tokenHash: hashToken(token), usedAt: null }]);
    expect(rows[0].expires.getTime() - rows[0].createdAt.getTime()).toBe(EMAIL_TOKEN_HOURS * 3_600_000);

    const ok = await confirm(token);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ email: user.email, changed: false });
    expect(ok.text).not.toContain(token);
    expect((await userRow(user.id)).emailVerified).toBeInstanceOf(Date);

    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(again.json.error).toBe("invalid_or_expired_token");
    expect((await auditOf(user.id, "email_verification_sent")).map((e) => e.metadata)).toEqual([{ reason: "registration" }]);
    expect((await auditOf(user.id, "email_verified")).map((e) => e.outcome)).toEqual(["success", "failure"]);
  });

  it("refuses an unknown token and an expired one", async () => {
    expect((await confirm("no-such-token")).json.error).toBe("invalid_or_expired_token");
    expect((await confirm("")).status).toBe(400);
    const user = await createTestUser();
    const token = await emailLinkToken(user.email);
    await expect(confirmEmailToken(token, ctx, Date.now() + (EMAIL_TOKEN_HOURS * 3600 + 1) * 1000)).rejects.toMatchObject({ code: "invalid_or_expired_token" });
    expect((await userRow(user.id)).emailVerified).toBeNull();
    expect((await auditOf(user.id, "email_verified")).map((e) => e.metadata)).toEqual([{ reason: "expired" }]);
    // Still good within its 24 hours.
    expect((await confirm(token)).status).toBe(200);
  });

  it("a link used 10 times at once verifies once", async () => {
    const user = await createTestUser();
    const token = await emailLinkToken(user.email);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => confirm(token)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(9);
  });

  it("Send again mails a new link that replaces the old one, within a per-user limit (429 with Retry-After), and 409 once verified", async () => {
    const user = await createTestUser();
    const first = await emailLinkToken(user.email);
    const res = await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: user.token });
    expect(res.status).toBe(202);
    const second = await emailLinkToken(user.email);
    expect(second).not.toBe(first);
    expect((await confirm(first)).status).toBe(400);

    // RATE_LIMIT_VERIFY_MAIL_USER is 3/3600 by default: two more, then refused, from any IP.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: user.token })).status);
    expect(statuses).toEqual([202, 202, 429]);
    const refused = await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: user.token });
    expect(refused.json).toMatchObject({ error: "rate_limit_exceeded", retry_after: expect.any(Number) });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);

    expect((await confirm(await emailLinkToken(user.email))).status).toBe(200);
    const other = await createTestUser();
    expect((await confirm(await emailLinkToken(other.email))).status).toBe(200);
    const verified = await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: other.token });
    expect(verified.status).toBe(409);
    expect(verified.json.error).toBe("email_already_verified");
  });

  it("Send again is limited per IP too", async () => {
    // A fresh address: counters outlive a run on a PostgreSQL kept between runs.
    const ip = { "x-forwarded-for": randomIp() };
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const user = await createTestUser();
      for (let j = 0; j < 3; j++) statuses.push((await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: user.token, headers: ip })).status);
    }
    // RATE_LIMIT_VERIFY_MAIL_IP is 10/3600: the eleventh from one address is refused, whoever asks.
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("staff resend a link (audited with the staff member), 409 once verified, 404 for an unknown user", async () => {
    const support = await createTestUser({ role: "support" });
    const user = await createTestUser();
    const sent = await callRoute(staffVerification, `/api/users/${user.id}/verification`, { method: "POST", token: support.token, params: { id: user.id } });
    expect(sent.status).toBe(202);
    const events = await auditOf(user.id, "email_verification_sent");
    expect(events.at(-1)).toMatchObject({ actorId: support.id, metadata: { reason: "staff", by_staff: true } });
    expect((await confirm(await emailLinkToken(user.email))).status).toBe(200);
    const again = await callRoute(staffVerification, `/api/users/${user.id}/verification`, { method: "POST", token: support.token, params: { id: user.id } });
    expect(again.json.error).toBe("email_already_verified");
    const unknown = await callRoute(staffVerification, "/api/users/none/verification", { method: "POST", token: support.token, params: { id: "none" } });
    expect(unknown.status).toBe(404);
  });

  it("does not require a verified address to sign in by default", async () => {
    const user = await createTestUser();
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(200);
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["none"]);
  });
});

describe("email change", () => {
  it("mails a link to the new address and a notice without a link to the old one; the address changes, verified, when the link is used", async () => {
    const user = await createTestUser();
    const next = randomEmail("moved");
    const res = await askChange(user, next);
    expect(res.status).toBe(202);
    expect(res.json.message).toMatch(/on its way to the new address/);
    expect((await userRow(user.id)).email).toBe(user.email);

    const [link] = await outboxFor(next);
    expect(link).toMatchObject({ kind: "email_change", subject: "Confirm your new email address for Latchkey" });
    const notice = (await outboxFor(user.email)).find((m) => m.kind === "email_change_notice")!;
    expect(notice.text).not.toContain("verify-email");
    expect(notice.text).toContain(`${next[0]}***@example.test`);
    expect(notice.text).toMatch(/If this was not you/);
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["pending_email_change", "none"]);

    const token = await emailLinkToken(next);
    const ok = await confirm(token);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ email: next, changed: true });
    const after = await userRow(user.id);
    expect(after.email).toBe(next);
    expect(after.emailVerified).toBeInstanceOf(Date);
    // The old verification link proved the old address only.
    expect(await prisma().emailToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);

    const [changed] = await auditOf(user.id, "email_changed");
    expect(changed).toMatchObject({ outcome: "success", actorId: user.id, metadata: { old: hashEmail(user.email), new: hashEmail(next) } });
    expect(JSON.stringify(changed)).not.toContain(next);
    expect((await auditOf(user.id, "email_change_requested"))[0].metadata).toEqual({ new: hashEmail(next) });
    // Other sessions stay, and the owner sees the change in their recent activity.
    expect((await callRoute(login, "/api/auth/login", { body: { email: next, password: user.password } })).status).toBe(200);
    expect((await listRecentSignIns(user.id)).map((e) => e.type)).toContain("email_changed");
    expect((await confirm(token)).status).toBe(400);
  });

  it("answers 409 email_taken when the address already has an account, and 400 for an invalid or unchanged one", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const taken = await askChange(user, other.email.toUpperCase());
    expect(taken.status).toBe(409);
    expect(taken.json.error).toBe("email_taken");
    expect(await outboxFor(other.email)).toHaveLength(1); // only its own verification mail
    expect((await askChange(user, "not-an-email")).json).toMatchObject({ error: "validation_error", fields: { email: expect.any(String) } });
    expect((await askChange(user, user.email)).json).toMatchObject({ error: "validation_error", fields: { email: "That is already your email address" } });
  });

  it("needs a recent authentication (403 reauthentication_required)", async () => {
    const user = await createTestUser();
    await prisma().session.updateMany({ where: { sessionToken: hashToken(user.token) }, data: { authenticatedAt: new Date(Date.now() - 3_600_000) } });
    const res = await askChange(user, randomEmail());
    expect(res.status).toBe(403);
    expect(res.json.error).toBe("reauthentication_required");
    expect((await callRoute(changeEmail, "/api/auth/email", { body: { email: randomEmail() } })).status).toBe(401);
  });

  it("refuses the link (409) when another account took the address between the request and the confirmation", async () => {
    const user = await createTestUser();
    const next = randomEmail("contested");
    expect((await askChange(user, next)).status).toBe(202);
    const token = await emailLinkToken(next);
    await createTestUser().then((squatter) => prisma().user.update({ where: { id: squatter.id }, data: { email: next } }));
    const res = await confirm(token);
    expect(res.status).toBe(409);
    expect(res.json.error).toBe("email_taken");
    expect((await userRow(user.id)).email).toBe(user.email);
    expect((await auditOf(user.id, "email_changed")).map((e) => [e.outcome, (e.metadata as { reason: string }).reason])).toEqual([["failure", "email_taken"]]);
  });

  it("two accounts confirming links for the same new address at once: exactly one gets it", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    const next = randomEmail("race");
    expect((await askChange(a, next)).status).toBe(202);
    const tokenA = await emailLinkToken(next);
    expect((await askChange(b, next)).status).toBe(202);
    const tokenB = await emailLinkToken(next);
    const results = await Promise.all([confirm(tokenA), confirm(tokenB)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const owners = await prisma().user.findMany({ where: { email: next }, select: { id: true } });
    expect(owners).toHaveLength(1);
    const winner = results[0].status === 200 ? a : b;
    expect(owners[0].id).toBe(winner.id);
  });

  it("a new request supersedes the pending one: the older link no longer works", async () => {
    const user = await createTestUser();
    const first = randomEmail("first");
    const second = randomEmail("second");
    await askChange(user, first);
    const oldToken = await emailLinkToken(first);
    await askChange(user, second);
    expect((await confirm(oldToken)).json.error).toBe("invalid_or_expired_token");
    expect((await confirm(await emailLinkToken(second))).status).toBe(200);
    expect((await userRow(user.id)).email).toBe(second);
  });

  it("never puts a link's token in an answer, an audit row, or a log line (the dev outbox line aside)", async () => {
    const user = await createTestUser();
    const next = randomEmail("secret");
    await askChange(user, next);
    const tokens = [await emailLinkToken(user.email), await emailLinkToken(next)];
    const answers = [await confirm(tokens[1]), await callRoute(resend, "/api/auth/email/verify/resend", { method: "POST", token: user.token })];
    await settleBackgroundWork();
    const audit = JSON.stringify(await prisma().auditEvent.findMany({ where: { targetUserId: user.id } }));
    const rows = JSON.stringify(await prisma().emailToken.findMany({ where: { userId: user.id } }));
    const log = readFileSync(logFile, "utf8")
      .split("\n")
      .filter((l) => l && !l.includes("mail kept in the outbox"));
    for (const token of tokens) {
      for (const a of answers) expect(a.text).not.toContain(token);
      expect(audit).not.toContain(token);
      expect(rows).not.toContain(token);
      expect(log.some((l) => l.includes(token))).toBe(false);
    }
    expect(log.some((l) => l.includes(next))).toBe(false);
  });
});

describe("email links in the account's data", () => {
  it("the export lists the links mailed (never a token), prune removes expired ones, deletion leaves no address hash in the trail", async () => {
    const user = await createTestUser();
    const next = randomEmail("gone");
    await askChange(user, next);
    const exported = await exportUserData(user.id, user.id, ctx);
    expect(exported.email_links.map((l) => [l.purpose, l.email])).toEqual([["verify", user.email], ["change", next]]);
    expect(JSON.stringify(exported)).not.toContain(await emailLinkToken(next));

    await confirm(await emailLinkToken(next));
    // The links expire (moved into the past, not the clock forward: prune with a future clock
    // would also delete every other test's sessions and counters in a shared database).
    await prisma().emailToken.updateMany({ where: { userId: user.id }, data: { expires: new Date(Date.now() - (EMAIL_TOKEN_HOURS + 1) * 3_600_000) } });
    expect((await prune({ auditRetentionDays: 365, mailRetentionDays: 30 }, ctx)).verification_tokens).toBeGreaterThanOrEqual(1);
    expect(await prisma().emailToken.count({ where: { userId: user.id } })).toBe(0);

    const fresh = await createTestUser();
    const pendingAddress = randomEmail("pending");
    await askChange(fresh, pendingAddress);
    const trail = async () => JSON.stringify(await prisma().auditEvent.findMany({ where: { type: { in: ["email_change_requested", "email_changed"] } } }));
    expect(await trail()).toContain(hashEmail(pendingAddress));
    const deleted = await callRoute(erase, `/api/users/${fresh.id}`, { method: "DELETE", token: fresh.token, params: { id: fresh.id }, body: { password: fresh.password } });
    expect(deleted.status).toBe(204);
    expect(await trail()).not.toContain(hashEmail(pendingAddress));
    expect(await outboxFor(pendingAddress)).toHaveLength(0);
  });
});
