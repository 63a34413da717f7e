import { describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as register } from "@/app/api/auth/register/route";
import { GET as listSessions } from "@/app/api/auth/sessions/route";
import { DELETE as deleteSession } from "@/app/api/auth/sessions/[id]/route";
import { GET as health } from "@/app/api/health/route";
import { prisma } from "@/lib/db/client";
import { STRONG_PASSWORD, callRoute, randomEmail } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { hashToken } from "@/lib/auth/tokens";

describe("POST /api/auth/register", () => {
  it("creates the user, returns a token and sets an httpOnly SameSite=Lax cookie", async () => {
    const email = randomEmail();
    const res = await callRoute(register, "/api/auth/register", {
      body: { email: `  ${email.toUpperCase()} `, name: "Ada", password: STRONG_PASSWORD },
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email, name: "Ada", role: "user" });
    expect(res.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(res.json.expires_at as string).getTime()).toBeGreaterThan(Date.now());
    expect(res.cookies[0]).toMatch(/^authjs\.session-token=.+HttpOnly; SameSite=lax/i);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("stores only the SHA-256 of the session token", async () => {
    const { token, id } = await createTestUser();
    const rows = await prisma().session.findMany({ where: { userId: id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].sessionToken).toBe(hashToken(token));
    expect(rows[0].sessionToken).not.toContain(token);
  });

  it("answers 409 email_taken for an existing email", async () => {
    const { email } = await createTestUser();
    const res = await callRoute(register, "/api/auth/register", { body: { email, name: "Other", password: STRONG_PASSWORD } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: "email_taken", request_id: expect.any(String) });
  });

  it.each([
    [{ email: "not-an-email", name: "A", password: STRONG_PASSWORD }, "email"],
    [{ email: randomEmail(), name: "", password: STRONG_PASSWORD }, "name"],
    [{ email: randomEmail(), name: "A", password: "short" }, "password"],
    [{ email: randomEmail(), name: "A", password: "alllowercase1!" }, "password"],
    [{ email: randomEmail(), name: "A", password: `Aa1!${"x".repeat(70)}` }, "password"],
    [{ email: randomEmail(), name: "A", password: "P@ssw0rd" }, "password"],
    [{ email: randomEmail(), name: "A" }, "password"],
  ])("rejects %j with 400 naming the field %s", async (body, field) => {
    const res = await callRoute(register, "/api/auth/register", { body });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("validation_error");
    expect(res.json.fields).toHaveProperty(field);
  });

  it("rejects a password equal to the email", async () => {
    const email = "Aa1!bbbb@example.test";
    const res = await callRoute(register, "/api/auth/register", { body: { email, name: "A", password: email } });
    expect(res.status).toBe(400);
    expect(res.json.fields).toHaveProperty("password");
  });
});

describe("POST /api/auth/login", () => {
  it("signs in with a new token every time", async () => {
    const { email, token: first } = await createTestUser();
    const a = await callRoute(login, "/api/auth/login", { body: { email, password: STRONG_PASSWORD } });
    const b = await callRoute(login, "/api/auth/login", { body: { email, password: STRONG_PASSWORD } });
    expect(a.status).toBe(200);
    expect(a.json.user).toMatchObject({ email, role: "user" });
    expect(new Set([first, a.json.token, b.json.token]).size).toBe(3);
  });

  it("gives the same 401 body for a wrong password and an unknown email", async () => {
    const { email } = await createTestUser();
    const wrong = await callRoute(login, "/api/auth/login", { body: { email, password: "Wrong-password-1" } });
    const unknown = await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "Wrong-password-1" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (j: Record<string, unknown>) => ({ ...j, request_id: undefined });
    expect(strip(wrong.json)).toEqual(strip(unknown.json));
    expect(wrong.json.error).toBe("invalid_credentials");
  });

  it("answers 415 for a non-JSON body, 400 for malformed JSON and 413 for an oversized one", async () => {
    const text = await callRoute(login, "/api/auth/login", { rawBody: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(text.status).toBe(415);
    const bad = await callRoute(login, "/api/auth/login", { rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("invalid_json");
    const huge = await callRoute(login, "/api/auth/login", { body: { email: "a@b.c", password: "x".repeat(40_000) } });
    expect(huge.status).toBe(413);
    const arr = await callRoute(login, "/api/auth/login", { body: [1, 2] });
    expect(arr.status).toBe(400);
  });

  it("rejects a password over 72 bytes with 400 naming the field", async () => {
    const res = await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "é".repeat(40) } });
    expect(res.status).toBe(400);
    expect(res.json.fields).toHaveProperty("password");
  });

  it("records a sign-in success and failure with the reason in the audit trail", async () => {
    const { email, id } = await createTestUser();
    const headers = { "x-forwarded-for": "203.0.113.7" };
    const ok = await callRoute(login, "/api/auth/login", { body: { email, password: STRONG_PASSWORD }, headers });
    const bad = await callRoute(login, "/api/auth/login", { body: { email, password: "Nope-nope-1" }, headers });
    const events = await prisma().auditEvent.findMany({ where: { targetUserId: id, type: "login" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.outcome, e.requestId])).toEqual([
      ["success", ok.headers.get("x-request-id")],
      ["failure", bad.headers.get("x-request-id")],
    ]);
    expect(events[1].metadata).toEqual({ reason: "wrong_password" });
    expect(events[0].ip).toBe("203.0.113.7");
  });
});

describe("session endpoints", () => {
  it("GET /api/auth/me works with a bearer token and with the cookie, and 401s without", async () => {
    const { token, email } = await createTestUser();
    const bearer = await callRoute(me, "/api/auth/me", { token });
    expect(bearer.status).toBe(200);
    expect(bearer.json).toMatchObject({ email, role: "user", created_at: expect.any(String) });
    expect(bearer.json).not.toHaveProperty("passwordHash");
    const cookie = await callRoute(me, "/api/auth/me", { cookie: `authjs.session-token=${token}` });
    expect(cookie.json.email).toBe(email);
    const none = await callRoute(me, "/api/auth/me");
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: "unauthorized", request_id: expect.any(String) });
  });

  it("logout deletes the session row so the token stops working", async () => {
    const { token } = await createTestUser();
    const out = await callRoute(logout, "/api/auth/logout", { method: "POST", token });
    expect(out.status).toBe(200);
    expect(await prisma().session.count({ where: { sessionToken: hashToken(token) } })).toBe(0);
    expect((await callRoute(me, "/api/auth/me", { token })).status).toBe(401);
    expect((await callRoute(logout, "/api/auth/logout", { method: "POST", token })).status).toBe(401);
  });

  it("refresh issues a new token and kills the old one", async () => {
    const { token } = await createTestUser();
    const res = await callRoute(refresh, "/api/auth/refresh", { method: "POST", token });
    expect(res.status).toBe(200);
    const next = res.json.token as string;
    expect(next).not.toBe(token);
    expect((await callRoute(me, "/api/auth/me", { token })).status).toBe(401);
    expect((await callRoute(me, "/api/auth/me", { token: next })).status).toBe(200);
  });

  it("lists own sessions marking the current one, and revokes one by id (404 for others')", async () => {
    const { email, token } = await createTestUser();
    const second = await callRoute(login, "/api/auth/login", { body: { email, password: STRONG_PASSWORD } });
    const list = await callRoute(listSessions, "/api/auth/sessions", { token });
    const sessions = list.json.sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;

    const stranger = await createTestUser();
    const foreign = await callRoute(deleteSession, `/api/auth/sessions/${other.id}`, { method: "DELETE", token: stranger.token, params: { id: other.id } });
    expect(foreign.status).toBe(404);

    const del = await callRoute(deleteSession, `/api/auth/sessions/${other.id}`, { method: "DELETE", token, params: { id: other.id } });
    expect(del.status).toBe(204);
    expect((await callRoute(me, "/api/auth/me", { token: second.json.token as string })).status).toBe(401);
  });
});

describe("GET /api/health", () => {
  it("reports the database as ok with its latency", async () => {
    const res = await callRoute(health, "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "ok", version: expect.any(String), checks: { database: { status: "ok" } } });
  });
});
