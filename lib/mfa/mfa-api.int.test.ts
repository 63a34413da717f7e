import { describe, expect, it } from "vitest";
import { GET as factors } from "@/app/api/auth/factors/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as loginMfa } from "@/app/api/auth/login/mfa/route";
import { POST as reauth } from "@/app/api/auth/reauthenticate/route";
import { POST as recoveryCodes } from "@/app/api/auth/recovery-codes/route";
import { DELETE as totpDelete, POST as totpStart } from "@/app/api/auth/totp/route";
import { POST as totpConfirm } from "@/app/api/auth/totp/confirm/route";
import { POST as passkeyOptions } from "@/app/api/auth/passkeys/options/route";
import { POST as passkeyLoginOptions } from "@/app/api/auth/passkeys/login/options/route";
import { GET as listUsers } from "@/app/api/users/route";
import { POST as resetFactors } from "@/app/api/users/[id]/reset-factors/route";
import { POST as unlock } from "@/app/api/users/[id]/unlock/route";
import { hashToken } from "@/lib/auth/tokens";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { callRoute, randomIp } from "@/lib/testing/http";
import { createTestUser, freshTotpCode, outboxFor } from "@/lib/testing/users";
import { totpCodeAt, totpStep } from "./totp";

// SPEC 10's table, endpoint by endpoint, through the real route handlers on the real database.

const passwordStep = async (email: string, password: string, ip = randomIp()) =>
  callRoute(login, "/api/auth/login", { body: { email, password }, headers: { "x-forwarded-for": ip } });

/** The session last proved the user `seconds` ago. */
const ageSession = (token: string, seconds: number) =>
  prisma().session.updateMany({ where: { sessionToken: hashToken(token) }, data: { authenticatedAt: new Date(Date.now() - seconds * 1000) } });

describe("TOTP enrolment", () => {
  it("starts a pending enrolment, confirms it with a code, returns 10 recovery codes, and GET /api/auth/factors shows it", async () => {
    const user = await createTestUser();
    const start = await callRoute(totpStart, "/api/auth/totp", { method: "POST", token: user.token });
    expect(start.status).toBe(200);
    expect(start.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(String(start.json.otpauth_url)).toMatch(/^otpauth:\/\/totp\//);
    expect((await callRoute(factors, "/api/auth/factors", { token: user.token })).json).toMatchObject({ totp: { enabled: false } });

    const wrong = await callRoute(totpConfirm, "/api/auth/totp/confirm", { body: { code: "000000" }, token: user.token });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: "invalid_code" });

    const code = totpCodeAt(start.json.secret as string, totpStep());
    const ok = await callRoute(totpConfirm, "/api/auth/totp/confirm", { body: { code }, token: user.token });
    expect(ok.status).toBe(200);
    const codes = ok.json.recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const summary = (await callRoute(factors, "/api/auth/factors", { token: user.token })).json;
    expect(summary).toMatchObject({ totp: { enabled: true }, passkeys: [], recovery_codes: { remaining: 10 } });
    // Stored encrypted and hashed: neither the secret nor a code is in the database.
    const row = await prisma().totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretEnc).not.toContain(start.json.secret as string);
    const hashes = await prisma().recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(codes[0].replace("-", ""));
    await settleBackgroundWork();
    expect((await outboxFor(user.email)).map((m) => m.kind)).toContain("factor_added");
  });

  it("needs a recent authentication to start, to disable and for new recovery codes: 403 reauthentication_required, then POST /api/auth/reauthenticate", async () => {
    const user = await createTestUser({ totp: true });
    await ageSession(user.token, env.REAUTH_MAX_AGE_S + 60);
    for (const [handler, path, method] of [[totpStart, "/api/auth/totp", "POST"], [totpDelete, "/api/auth/totp", "DELETE"], [recoveryCodes, "/api/auth/recovery-codes", "POST"], [passkeyOptions, "/api/auth/passkeys/options", "POST"]] as const) {
      const res = await callRoute(handler, path, { method, token: user.token });
      expect(res.status, path).toBe(403);
      expect(res.json).toMatchObject({ error: "reauthentication_required" });
    }
    const wrong = await callRoute(reauth, "/api/auth/reauthenticate", { body: { password: "Not-it-123!" }, token: user.token });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: "invalid_credentials" });
    expect((await callRoute(reauth, "/api/auth/reauthenticate", { body: { password: user.password }, token: user.token })).status).toBe(200);

    const fresh = await callRoute(recoveryCodes, "/api/auth/recovery-codes", { method: "POST", token: user.token });
    expect(fresh.status).toBe(200);
    expect(fresh.json.recovery_codes).toHaveLength(10);
    // The old set is dead.
    const first = await passwordStep(user.email, user.password);
    const old = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, recovery_code: user.recoveryCodes![0] } });
    expect(old.status).toBe(401);

    expect((await callRoute(totpDelete, "/api/auth/totp", { method: "DELETE", token: user.token })).status).toBe(204);
    expect((await callRoute(factors, "/api/auth/factors", { token: user.token })).json).toMatchObject({ totp: { enabled: false }, recovery_codes: { remaining: 0 } });
  });

  it("re-authenticates with a code too, and refuses a code twice", async () => {
    const user = await createTestUser({ totp: true });
    const code = await freshTotpCode(user);
    expect((await callRoute(reauth, "/api/auth/reauthenticate", { body: { code }, token: user.token })).status).toBe(200);
    const again = await callRoute(reauth, "/api/auth/reauthenticate", { body: { code }, token: user.token });
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ error: "invalid_code" });
  });
});

describe("sign-in with a second factor", () => {
  it("answers a right password with mfa_required and a token, no session and no cookie; a wrong password gets the usual 401", async () => {
    const user = await createTestUser({ totp: true });
    const wrong = await passwordStep(user.email, "Wrong-Horse-9!");
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: "invalid_credentials" });
    expect(wrong.json).not.toHaveProperty("mfa_required");

    const sessionsBefore = await prisma().session.count({ where: { userId: user.id } });
    const first = await passwordStep(user.email, user.password);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ mfa_required: true, mfa_token: expect.any(String), methods: ["totp", "recovery_code"] });
    expect(first.json).not.toHaveProperty("token");
    expect(first.cookies).toEqual([]);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(sessionsBefore);

    const done = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: await freshTotpCode(user) } });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ token: expect.any(String), user: { id: user.id } });
    expect(done.cookies[0]).toMatch(/authjs\.session-token=/);
    const session = await prisma().session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(session.level).toBe(2);
    // Single use.
    const reuse = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: await freshTotpCode(user) } });
    expect(reuse.status).toBe(401);
    expect(reuse.json).toMatchObject({ error: "invalid_mfa_token" });
  });

  it("accepts a recovery code once, says how many are left, and mails the user", async () => {
    const user = await createTestUser({ totp: true });
    const first = await passwordStep(user.email, user.password);
    const res = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, recovery_code: user.recoveryCodes![3].toUpperCase() } });
    expect(res.status).toBe(200);
    expect((await callRoute(factors, "/api/auth/factors", { token: res.json.token as string })).json).toMatchObject({ recovery_codes: { remaining: 9 } });
    const second = await passwordStep(user.email, user.password);
    const reuse = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: second.json.mfa_token, recovery_code: user.recoveryCodes![3] } });
    expect(reuse.status).toBe(401);
    expect(reuse.json).toMatchObject({ error: "invalid_code" });
    await settleBackgroundWork();
    expect((await outboxFor(user.email)).map((m) => m.kind)).toContain("factor_recovery_code_used");
    const events = await prisma().auditEvent.findMany({ where: { targetUserId: user.id, type: "recovery_code_used" } });
    expect(events[0].metadata).toEqual({ remaining: 9 });
  });

  it("kills the token after five wrong codes, and the wrong codes count towards the lockout", async () => {
    const user = await createTestUser({ totp: true });
    const first = await passwordStep(user.email, user.password);
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: "000000" }, headers: { "x-forwarded-for": ip } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const after = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: await freshTotpCode(user) }, headers: { "x-forwarded-for": ip } });
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ error: expect.stringMatching(/invalid_mfa_token|account_locked/) });
    // Five failures lock the account (LOCKOUT_THRESHOLD): even the right password is refused now.
    const locked = await passwordStep(user.email, user.password);
    expect(locked.status).toBe(403);
    expect(locked.json).toMatchObject({ error: "account_locked" });
    const row = await prisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLoginCount: true } });
    expect(row.failedLoginCount).toBe(5);
  });

  it("of the same code sent twice at once, accepts one", async () => {
    const user = await createTestUser({ totp: true });
    const [a, b] = [await passwordStep(user.email, user.password), await passwordStep(user.email, user.password)];
    const code = await freshTotpCode(user);
    const results = await Promise.all([
      callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: a.json.mfa_token, code } }),
      callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: b.json.mfa_token, code } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it("rate-limits the second step per IP", async () => {
    const user = await createTestUser({ totp: true });
    const first = await passwordStep(user.email, user.password);
    const ip = randomIp();
    const { points } = env.RATE_LIMIT_MFA_IP;
    let last = 0;
    for (let i = 0; i <= points; i++) last = (await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: `x${first.json.mfa_token}`, code: "123456" }, headers: { "x-forwarded-for": ip } })).status;
    expect(last).toBe(429);
  });

  it("offers passkey options for the mfa_token's user, and refuses a dead token", async () => {
    const user = await createTestUser({ totp: true });
    const first = await passwordStep(user.email, user.password);
    const ok = await callRoute(passkeyLoginOptions, "/api/auth/passkeys/login/options", { body: { mfa_token: first.json.mfa_token } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ challenge: expect.any(String), userVerification: "required" });
    const anyone = await callRoute(passkeyLoginOptions, "/api/auth/passkeys/login/options", { body: {} });
    expect(anyone.status).toBe(200);
    expect(anyone.json.allowCredentials ?? []).toEqual([]);
    const dead = await callRoute(passkeyLoginOptions, "/api/auth/passkeys/login/options", { body: { mfa_token: "dead" } });
    expect(dead.status).toBe(401);
  });
});

describe("staff need a second factor", () => {
  it("answers 403 mfa_required to staff powers without a level-2 session, and the sign-in says a factor must be set up", async () => {
    const staff = await createTestUser({ role: "support", totp: false });
    const res = await callRoute(listUsers, "/api/users?query=x", { token: staff.token });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: "mfa_required" });
    // Their own account still works.
    expect((await callRoute(factors, "/api/auth/factors", { token: staff.token })).status).toBe(200);
    const signIn = await passwordStep(staff.email, staff.password);
    expect(signIn.json).toMatchObject({ mfa_setup_required: true });
  });

  it("lets staff with a factor use their powers after the second step", async () => {
    const staff = await createTestUser({ role: "support" });
    const first = await passwordStep(staff.email, staff.password);
    const done = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: await freshTotpCode(staff) } });
    expect((await callRoute(listUsers, "/api/users?query=x", { token: done.json.token as string })).status).toBe(200);
  });
});

describe("an administrator resets a user's factors", () => {
  it("removes TOTP, passkeys and recovery codes, audits and mails; the user signs in with the password alone", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser({ totp: true });
    const res = await callRoute(resetFactors, `/api/users/${user.id}/reset-factors`, { method: "POST", token: admin.token, params: { id: user.id } });
    expect(res.status).toBe(200);
    expect((await callRoute(factors, "/api/auth/factors", { token: user.token })).json).toMatchObject({ totp: { enabled: false }, passkeys: [], recovery_codes: { remaining: 0 } });
    const signIn = await passwordStep(user.email, user.password);
    expect(signIn.json).toMatchObject({ token: expect.any(String) });
    await settleBackgroundWork();
    expect((await outboxFor(user.email)).map((m) => m.kind)).toContain("factor_reset");
    expect(await prisma().auditEvent.count({ where: { targetUserId: user.id, type: "factors_reset", actorId: admin.id } })).toBe(1);
    // Support may not; nobody resets their own.
    const support = await createTestUser({ role: "support" });
    expect((await callRoute(resetFactors, `/api/users/${user.id}/reset-factors`, { method: "POST", token: support.token, params: { id: user.id } })).status).toBe(403);
    expect((await callRoute(resetFactors, `/api/users/${admin.id}/reset-factors`, { method: "POST", token: admin.token, params: { id: admin.id } })).status).toBe(409);
    // Unlock still works on a user whose factors were reset.
    expect((await callRoute(unlock, `/api/users/${user.id}/unlock`, { method: "POST", token: admin.token, params: { id: user.id } })).status).toBe(200);
  });
});
