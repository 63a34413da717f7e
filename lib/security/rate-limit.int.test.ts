import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_IP = "1000/60";
  // A low ceiling keeps its test short (each failure is a bcrypt compare); above the 10 failures one network may have.
  process.env.RATE_LIMIT_LOGIN_EMAIL_GLOBAL = "12/3600";
});

import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as register } from "@/app/api/auth/register/route";
import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { POST as resetRoute } from "@/app/api/auth/password/reset/route";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { clearLockout } from "@/lib/security/lockout";
import { STRONG_PASSWORD, callRoute, randomEmail, randomIp } from "@/lib/testing/http";
import { createTestUser, linkToken, outboxFor } from "@/lib/testing/users";

const signInFrom = (email: string, password: string, ip: string) => callRoute(login, "/api/auth/login", { body: { email, password }, headers: { "x-forwarded-for": ip } });
const forgotFrom = (email: string, ip: string) => callRoute(forgot, "/api/auth/password/forgot", { body: { email }, headers: { "x-forwarded-for": ip } });

describe("rate limits", () => {
  it("refuses the sixth sign-in from one IP within a minute with 429, retry_after and Retry-After", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "Whatever-1x" }, headers: { "x-forwarded-for": ip } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(last!.json).toMatchObject({ error: "rate_limit_exceeded", retry_after: expect.any(Number), request_id: expect.any(String) });
    expect(Number(last!.headers.get("retry-after"))).toBe(last!.json.retry_after);
    expect(last!.json.message).toMatch(/^Too many attempts, try again in \d+ s$/);
    const audited = await prisma().auditEvent.count({ where: { type: "rate_limited", ip } });
    expect(audited).toBe(1);
  });

  it("counts only failed sign-ins per email and network: a right password never uses up the budget", async () => {
    const user = await createTestUser();
    // 12 right passwords from one network (more than the 10 failures it may have) all sign in.
    for (let i = 0; i < 12; i++) expect((await signInFrom(user.email, user.password, `10.77.3.${i + 1}`)).status).toBe(200);
  });

  it("keeps one network's failures from locking the owner out for the hour, and a reset clears what is left", async () => {
    const user = await createTestUser();
    // An attacker on 203.0.113.0/24: five wrong passwords lock the email (as intended)...
    for (let i = 0; i < 5; i++) expect((await signInFrom(user.email, "Wrong-Password-9", "203.0.113.5")).status).toBe(401);
    // ...and after the lock the attacker's network has used up its budget for this email.
    await clearLockout(user.email);
    for (let i = 0; i < 5; i++) expect((await signInFrom(user.email, "Wrong-Password-9", "203.0.113.6")).status).toBe(401);
    await clearLockout(user.email);
    const attacker = await signInFrom(user.email, user.password, "203.0.113.7");
    expect(attacker.status).toBe(429);
    // The owner, on another network, is not refused, and their own "forgot password" still works.
    expect((await signInFrom(user.email, user.password, "198.51.100.20")).status).toBe(200);
    expect((await forgotFrom(user.email, "198.51.100.20")).status).toBe(202);

    // A successful reset clears every network's count for the email, the attacker's too.
    await settleBackgroundWork();
    const [mail] = (await outboxFor(user.email)).filter((m) => m.kind === "password_reset");
    const reset = await callRoute(resetRoute, "/api/auth/password/reset", { body: { token: linkToken(mail.text), password: "Brand-New-Horse-4" }, headers: { "x-forwarded-for": "198.51.100.20" } });
    expect(reset.status).toBe(200);
    expect((await signInFrom(user.email, "Brand-New-Horse-4", "203.0.113.8")).status).toBe(200);
  });

  it("keeps the forgot-password budget per network: someone else's requests do not use up the owner's", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) expect((await forgotFrom(user.email, `192.0.2.${i + 1}`)).status).toBe(202);
    expect((await forgotFrom(user.email, "192.0.2.9")).status).toBe(429);
    expect((await forgotFrom(user.email, "198.51.100.44")).status).toBe(202);
  });

  it("caps failed sign-ins per email across all networks (the ceiling)", async () => {
    const email = randomEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) {
      if (i % 5 === 0) await clearLockout(email);
      statuses.push((await signInFrom(email, "Whatever-1x", `10.${80 + i}.${i}.1`)).status);
    }
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });

  it("limits registration per IP", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await callRoute(register, "/api/auth/register", { body: { email: randomEmail(), name: "R", password: STRONG_PASSWORD }, headers: { "x-forwarded-for": ip } });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses[10]).toBe(429);
  });

  it("groups IPv6 clients by /64", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const r = await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "Whatever-1x" }, headers: { "x-forwarded-for": `2001:db8:1:2::${i.toString(16)}` } });
      statuses.push(r.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("same-origin check for cookie-authenticated writes", () => {
  async function session() {
    const r = await callRoute(register, "/api/auth/register", { body: { email: randomEmail(), name: "C", password: STRONG_PASSWORD } });
    return r.json.token as string;
  }

  it("refuses a cross-origin fetch carrying a valid cookie with 403 and keeps the session", async () => {
    const token = await session();
    const cookie = `authjs.session-token=${token}`;
    const r = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe("csrf_rejected");
    expect((await callRoute(me, "/api/auth/me", { cookie })).status).toBe(200);
  });

  it("refuses a cross-site form post (no JSON, foreign origin) before reading it", async () => {
    const token = await session();
    const r = await callRoute(logout, "/api/auth/logout", {
      method: "POST",
      cookie: `authjs.session-token=${token}`,
      rawBody: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
    });
    expect(r.status).toBe(403);
  });

  it("refuses a cookie write with neither Origin nor Sec-Fetch-Site", async () => {
    const token = await session();
    const r = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: `authjs.session-token=${token}` });
    expect(r.status).toBe(403);
  });

  it("accepts the same write from our own origin, and bearer requests without any origin", async () => {
    const a = await session();
    const ok = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: `authjs.session-token=${a}`, headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" } });
    expect(ok.status).toBe(200);
    const b = await session();
    expect((await callRoute(logout, "/api/auth/logout", { method: "POST", token: b })).status).toBe(200);
  });

  it("refuses a cross-site sign-in attempt (login CSRF)", async () => {
    const r = await callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "x" }, headers: { origin: "https://evil.example" } });
    expect(r.status).toBe(403);
  });
});
