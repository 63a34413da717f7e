import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
});

import { POST as login } from "@/app/api/auth/login/route";
import { POST as changePasswordRoute } from "@/app/api/auth/password/route";
import { DELETE as deleteUserRoute } from "@/app/api/users/[id]/route";
import { hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import type { RequestContext } from "@/lib/http/request-context";
import { STRONG_PASSWORD, callRoute, randomEmail } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { POST as register } from "@/app/api/auth/register/route";
import { deleteOwnAccount } from "@/lib/users/account";
import { changePassword } from "./change-password";
import { resolveSession } from "./sessions";

// Re-verification (lib/auth/reauthenticate.ts verifyCurrentPassword) is the one rule the
// JSON routes and the settings server actions (which call changePassword / deleteOwnAccount)
// share: wrong passwords count like failed sign-ins and end the session after five.

const WRONG = "Wrong-Password-9!";
const ctx: RequestContext = { requestId: "reauth-test", ip: "10.66.0.1", userAgent: "vitest" };

const changeVia = (token: string, current: string) =>
  callRoute(changePasswordRoute, "/api/auth/password", { token, body: { current_password: current, new_password: "Another-Horse-8-Battery" } });

describe("re-verification with the current password", () => {
  it("ends the session after five wrong current passwords on POST /api/auth/password", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 4; i++) {
      const r = await changeVia(user.token, WRONG);
      expect(r.status).toBe(400);
      expect(r.json.fields).toEqual({ current_password: "Current password is incorrect" });
    }
    const fifth = await changeVia(user.token, WRONG);
    expect(fifth.status).toBe(401);
    expect(fifth.json).toMatchObject({ error: "unauthorized", message: expect.stringMatching(/signed out/) });
    expect(await resolveSession(user.token)).toBeNull();
    expect((await changeVia(user.token, user.password)).status).toBe(401);
  });

  it("counts wrong current passwords towards the sign-in lockout streak", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 4; i++) expect((await changeVia(user.token, WRONG)).status).toBe(400);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(4);
    // One more failed sign-in makes five: the email is locked for sign-in too.
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: WRONG } })).status).toBe(401);
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(403);
    expect((await changeVia(user.token, user.password)).status).toBe(403);
  });

  it("a right current password forgets the streak", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) expect((await changeVia(user.token, WRONG)).status).toBe(400);
    expect((await changeVia(user.token, user.password)).status).toBe(200);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
  });

  it("limits DELETE /api/users/{self} the same way, and the account stays", async () => {
    const user = await createTestUser();
    const del = () => callRoute(deleteUserRoute, `/api/users/${user.id}`, { method: "DELETE", token: user.token, params: { id: user.id }, body: { password: WRONG } });
    for (let i = 0; i < 4; i++) {
      const r = await del();
      expect(r.status).toBe(400);
      expect(r.json.fields).toEqual({ password: "Password is incorrect" });
    }
    expect((await del()).status).toBe(401);
    expect(await resolveSession(user.token)).toBeNull();
    expect(await prisma().user.count({ where: { id: user.id } })).toBe(1);
    const failures = await prisma().auditEvent.count({ where: { type: "user_deleted", outcome: "failure", targetUserId: user.id } });
    expect(failures).toBe(5);
  });

  it("limits the settings actions' functions (changePassword, deleteOwnAccount) through the same rule", async () => {
    const user = await createTestUser();
    const session = (await resolveSession(user.token))!;
    for (let i = 0; i < 2; i++) await expect(changePassword(session, WRONG, "Another-Horse-8-Battery", ctx)).rejects.toMatchObject({ code: "validation_error" });
    for (let i = 0; i < 2; i++) await expect(deleteOwnAccount(session, WRONG, ctx)).rejects.toMatchObject({ code: "validation_error" });
    await expect(deleteOwnAccount(session, WRONG, ctx)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await resolveSession(user.token)).toBeNull();
    const revoked = await prisma().auditEvent.findFirstOrThrow({ where: { type: "session_revoked", targetUserId: user.id } });
    expect(revoked.metadata).toMatchObject({ reason: "reauthentication_failures", failures: 5 });
  });

  it("refuses a current password over 72 bytes whose first 72 bytes are right (bcrypt would truncate it)", async () => {
    const password = `Aa1!${"x".repeat(68)}`; // 72 bytes
    const email = randomEmail();
    const reg = await callRoute(register, "/api/auth/register", { body: { email, name: "Long Password", password } });
    expect(reg.status).toBe(201);
    const token = reg.json.token as string;
    const r = await callRoute(changePasswordRoute, "/api/auth/password", { token, body: { current_password: `${password}y`, new_password: STRONG_PASSWORD } });
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual({ current_password: "Current password is at most 72 bytes" });
    const id = (reg.json.user as { id: string }).id;
    const del = await callRoute(deleteUserRoute, `/api/users/${id}`, { method: "DELETE", token, params: { id }, body: { password: `${password}y` } });
    expect(del.status).toBe(400);
    expect(del.json.fields).toEqual({ password: "Password is at most 72 bytes" });
    expect(await prisma().user.count({ where: { id } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { emailHash: hashEmail(email), type: "lockout" } })).toBe(0);
  });
});
