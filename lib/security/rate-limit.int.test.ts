import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_IP = "1000/60";
});

import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as register } from "@/app/api/auth/register/route";
import { prisma } from "@/lib/db/client";
import { STRONG_PASSWORD, callRoute, randomEmail, randomIp } from "@/lib/testing/http";

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

  it("counts sign-ins per email across IPs: 10 per hour", async () => {
    const email = randomEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await callRoute(login, "/api/auth/login", { body: { email, password: "Whatever-1x" } });
      statuses.push(r.status);
    }
    // The lockout (5 failures) answers 403 before the per-email limit is reached; the 11th hit is the limit.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5, 10).every((s) => s === 403)).toBe(true);
    expect(statuses[10]).toBe(429);
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
