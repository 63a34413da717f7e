import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_FORGOT_EMAIL = "100/3600";
  process.env.APP_URL = "http://localhost:3000";
});

import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { POST as reset } from "@/app/api/auth/password/reset/route";
import { POST as changePasswordRoute } from "@/app/api/auth/password/route";
import { DELETE as deleteUserRoute, PATCH as patchUser } from "@/app/api/users/[id]/route";
import { GET as exportRoute } from "@/app/api/users/[id]/export/route";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { resetPassword } from "@/lib/auth/password-reset";
import { hashToken } from "@/lib/auth/tokens";
import { STRONG_PASSWORD, callRoute, randomEmail } from "@/lib/testing/http";
import { createTestUser, linkToken, outboxFor } from "@/lib/testing/users";

// Registration also mails a verification link; these tests are about the password mail.
const passwordMailFor = async (email: string) => (await outboxFor(email)).filter((m) => m.kind.startsWith("password_"));
const NEW_PASSWORD = "Brand-New-Secret-42";
const ctx = { requestId: "test-request-0001", ip: "198.51.100.1", userAgent: "vitest" };

async function requestReset(email: string) {
  const res = await callRoute(forgot, "/api/auth/password/forgot", { body: { email } });
  await settleBackgroundWork();
  return res;
}

describe("forgot password", () => {
  it("answers 202 with the same body for known and unknown emails, and mails only the known one", async () => {
    const user = await createTestUser();
    const unknown = randomEmail("ghost");
    const a = await requestReset(user.email);
    const b = await requestReset(unknown);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect({ ...a.json, request_id: 0 }).toEqual({ ...b.json, request_id: 0 });
    const mail = await passwordMailFor(user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/Reset your Latchkey password/);
    expect(mail[0].text).toContain("http://localhost:3000/reset-password?token=");
    expect(mail[0].html).toContain("/reset-password?token=");
    expect(await passwordMailFor(unknown)).toHaveLength(0);
  });

  it("stores only the hash of a 32-byte token and invalidates older tokens on a new request", async () => {
    const user = await createTestUser();
    await requestReset(user.email);
    await requestReset(user.email);
    const [first, second] = (await passwordMailFor(user.email)).map((m) => linkToken(m.text));
    expect(Buffer.from(second, "base64url")).toHaveLength(32);
    const rows = await prisma().passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(second)]);
    const old = await callRoute(reset, "/api/auth/password/reset", { body: { token: first, password: NEW_PASSWORD } });
    expect(old.status).toBe(400);
    expect(old.json.error).toBe("invalid_or_expired_token");
  });
});

describe("reset password", () => {
  it("sets the password, revokes every session, clears the lockout, mails a notice and signs this browser in", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "Wrong-Pass-1!" } });
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(403);

    await requestReset(user.email);
    const token = linkToken((await passwordMailFor(user.email))[0].text);
    const res = await callRoute(reset, "/api/auth/password/reset", { body: { token, password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.cookies[0]).toMatch(/^authjs\.session-token=/);
    await settleBackgroundWork();

    expect((await callRoute(me, "/api/auth/me", { token: user.token })).status).toBe(401);
    expect((await callRoute(me, "/api/auth/me", { token: res.json.token as string })).status).toBe(200);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(1);
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: NEW_PASSWORD } })).status).toBe(200);
    expect((await passwordMailFor(user.email)).map((m) => m.kind)).toEqual(["password_reset", "password_changed"]);
    const types = (await prisma().auditEvent.findMany({ where: { targetUserId: user.id }, select: { type: true, outcome: true } })).map((e) => `${e.type}:${e.outcome}`);
    expect(types).toEqual(expect.arrayContaining(["password_reset_requested:success", "password_reset_completed:success"]));
  });

  it("refuses a used, a forged and an expired token with 400 invalid_or_expired_token", async () => {
    const user = await createTestUser();
    await requestReset(user.email);
    const token = linkToken((await passwordMailFor(user.email))[0].text);
    expect((await callRoute(reset, "/api/auth/password/reset", { body: { token, password: NEW_PASSWORD } })).status).toBe(200);
    const reused = await callRoute(reset, "/api/auth/password/reset", { body: { token, password: "Another-Secret-43" } });
    expect(reused.json.error).toBe("invalid_or_expired_token");
    const forged = await callRoute(reset, "/api/auth/password/reset", { body: { token: "A".repeat(43), password: NEW_PASSWORD } });
    expect(forged.status).toBe(400);
    expect(forged.json.error).toBe("invalid_or_expired_token");

    await requestReset(user.email);
    const fresh = linkToken((await passwordMailFor(user.email)).filter((m) => m.kind === "password_reset").at(-1)!.text);
    const in31Minutes = Date.now() + 31 * 60_000;
    await expect(resetPassword(fresh, "Late-Secret-44x", ctx, in31Minutes)).rejects.toMatchObject({ code: "invalid_or_expired_token" });
    const in29Minutes = Date.now() + 29 * 60_000;
    await expect(resetPassword(fresh, "InTime-Secret-45", ctx, in29Minutes)).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("applies the password policy to the new password", async () => {
    const user = await createTestUser();
    await requestReset(user.email);
    const token = linkToken((await passwordMailFor(user.email))[0].text);
    const weak = await callRoute(reset, "/api/auth/password/reset", { body: { token, password: "P@ssw0rd" } });
    expect(weak.status).toBe(400);
    expect(weak.json.fields).toHaveProperty("password");
    expect((await callRoute(reset, "/api/auth/password/reset", { body: { token, password: NEW_PASSWORD } })).status).toBe(200);
  });
});

describe("change password", () => {
  it("requires the current password and revokes every other session", async () => {
    const user = await createTestUser();
    const other = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } });
    const wrong = await callRoute(changePasswordRoute, "/api/auth/password", { token: user.token, body: { current_password: "nope", new_password: NEW_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.fields).toHaveProperty("current_password");
    const ok = await callRoute(changePasswordRoute, "/api/auth/password", { token: user.token, body: { current_password: user.password, new_password: NEW_PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.json.sessions_revoked).toBe(1);
    expect((await callRoute(me, "/api/auth/me", { token: user.token })).status).toBe(200);
    expect((await callRoute(me, "/api/auth/me", { token: other.json.token as string })).status).toBe(401);
    await settleBackgroundWork();
    expect((await passwordMailFor(user.email)).map((m) => m.kind)).toEqual(["password_changed"]);
    expect(await prisma().auditEvent.count({ where: { targetUserId: user.id, type: "password_changed", outcome: "success" } })).toBe(1);
    expect((await callRoute(changePasswordRoute, "/api/auth/password", { body: { current_password: "x", new_password: NEW_PASSWORD } })).status).toBe(401);
  });
});

describe("profile, export and deletion", () => {
  it("lets a user change their name but not their role", async () => {
    const user = await createTestUser();
    const ok = await callRoute(patchUser, `/api/users/${user.id}`, { method: "PATCH", token: user.token, params: { id: user.id }, body: { name: "New Name" } });
    expect(ok.status).toBe(200);
    expect(ok.json.name).toBe("New Name");
    const role = await callRoute(patchUser, `/api/users/${user.id}`, { method: "PATCH", token: user.token, params: { id: user.id }, body: { role: "admin" } });
    expect(role.status).toBe(403);
    const empty = await callRoute(patchUser, `/api/users/${user.id}`, { method: "PATCH", token: user.token, params: { id: user.id }, body: {} });
    expect(empty.status).toBe(400);
  });

  it("exports everything stored about the user, without secrets, only to themselves", async () => {
    const user = await createTestUser();
    const res = await callRoute(exportRoute, `/api/users/${user.id}/export`, { token: user.token, params: { id: user.id } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="latchkey-export-/);
    expect(res.json.profile).toMatchObject({ id: user.id, email: user.email, has_password: true });
    expect((res.json.sessions as unknown[]).length).toBe(1);
    expect((res.json.audit_events as { type: string }[]).map((e) => e.type)).toContain("register");
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(user.token);
    expect(text).not.toContain(hashToken(user.token));
    expect(text).not.toMatch(/\$2[aby]\$/);
    const stranger = await createTestUser();
    expect((await callRoute(exportRoute, `/api/users/${user.id}/export`, { token: stranger.token, params: { id: user.id } })).status).toBe(403);
  });

  it("deletes the account with the password re-entered, pseudonymizes the audit trail, and sign-in fails afterwards", async () => {
    const user = await createTestUser();
    const wrong = await callRoute(deleteUserRoute, `/api/users/${user.id}`, { method: "DELETE", token: user.token, params: { id: user.id }, body: { password: "nope" } });
    expect(wrong.status).toBe(400);
    const before = await prisma().auditEvent.count({ where: { targetUserId: user.id } });
    expect(before).toBeGreaterThan(0);
    const ok = await callRoute(deleteUserRoute, `/api/users/${user.id}`, { method: "DELETE", token: user.token, params: { id: user.id }, body: { password: user.password } });
    expect(ok.status).toBe(204);
    expect(await prisma().user.count({ where: { id: user.id } })).toBe(0);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { OR: [{ targetUserId: user.id }, { actorId: user.id }] } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { targetUserId: { startsWith: "deleted-" }, type: "register" } })).toBeGreaterThan(0);
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: STRONG_PASSWORD } })).status).toBe(401);
    expect((await callRoute(me, "/api/auth/me", { token: user.token })).status).toBe(401);
  });
});
