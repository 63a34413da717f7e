import { describe, expect, it, vi } from "vitest";

// GET /api/metrics: who may read it, and that the counters SPEC 8 names move with real
// requests through the real route handlers.
const { METRICS_TOKEN } = vi.hoisted(() => {
  const METRICS_TOKEN = "metrics-test-token-0123456789abcdef0123";
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  return { METRICS_TOKEN };
});

import { POST as login } from "@/app/api/auth/login/route";
import { GET as scrape } from "@/app/api/metrics/route";
import { GET as getUser } from "@/app/api/users/[id]/route";
import { callRoute, randomEmail, randomIp } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { routePattern } from "./metrics";

async function readMetrics(): Promise<string> {
  const res = await callRoute(scrape, "/api/metrics", { token: METRICS_TOKEN });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

/** The value of one sample, e.g. value(text, 'auth_login_attempts_total{result="success"}'); 0 when absent. */
function value(text: string, sample: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe("GET /api/metrics", () => {
  it("is served to the metrics token and to admins; 401 without a valid token, 403 for other roles", async () => {
    expect((await callRoute(scrape, "/api/metrics")).status).toBe(401);
    expect((await callRoute(scrape, "/api/metrics", { token: "not-the-metrics-token-0123456789abcdef" })).status).toBe(401);
    expect((await callRoute(scrape, "/api/metrics", { token: (await createTestUser()).token })).status).toBe(403);
    expect((await callRoute(scrape, "/api/metrics", { token: (await createTestUser({ role: "support" })).token })).status).toBe(403);
    const admin = await callRoute(scrape, "/api/metrics", { token: (await createTestUser({ role: "admin" })).token });
    expect(admin.status).toBe(200);
    expect(admin.text).toContain("# TYPE http_requests_total counter");
    expect((await callRoute(scrape, "/api/metrics", { token: METRICS_TOKEN })).status).toBe(200);
  });

  it("counts sign-ins by result, lockouts, rate-limit refusals and requests by route", async () => {
    const before = await readMetrics();
    const user = await createTestUser();
    const ip = randomIp();
    const attempt = (password: string, from = randomIp(), email = user.email) =>
      callRoute(login, "/api/auth/login", { body: { email, password }, headers: { "x-forwarded-for": from } });

    expect((await attempt(user.password)).status).toBe(200);
    // Five wrong passwords lock the account; the sixth attempt is refused as locked.
    for (let i = 0; i < 5; i++) expect((await attempt("Wrong-Password-1!")).status).toBe(401);
    expect((await attempt(user.password)).status).toBe(403);
    // Six sign-ins from one IP: the sixth is over the per-IP limit (5/min).
    for (let i = 0; i < 5; i++) await attempt("Whatever-1x", ip, randomEmail());
    expect((await attempt("Whatever-1x", ip, randomEmail())).status).toBe(429);

    const after = await readMetrics();
    const delta = (sample: string) => value(after, sample) - value(before, sample);
    expect(delta('auth_login_attempts_total{result="success"}')).toBe(1);
    expect(delta('auth_login_attempts_total{result="invalid_credentials"}')).toBe(10);
    expect(delta('auth_login_attempts_total{result="locked"}')).toBe(1);
    expect(delta('auth_login_attempts_total{result="rate_limited"}')).toBe(1);
    expect(delta("auth_lockouts_total")).toBe(1);
    expect(delta('auth_rate_limited_total{limit="loginIp"}')).toBe(1);
    expect(delta('http_requests_total{method="POST",route="/api/auth/login",status="200"}')).toBe(1);
    expect(delta('http_requests_total{method="POST",route="/api/auth/login",status="401"}')).toBe(10);
    expect(delta('http_requests_total{method="POST",route="/api/auth/login",status="429"}')).toBe(1);
    expect(delta('http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="401"}')).toBe(10);
    expect(value(after, "auth_active_sessions")).toBeGreaterThanOrEqual(2);
    expect(delta('db_query_duration_seconds_count{model="Session",operation="create"}')).toBeGreaterThanOrEqual(2);
    // Nothing about the user leaks into the labels.
    expect(after).not.toContain(user.email);
    expect(after).not.toContain(user.token);
  });

  it("labels routes by pattern, never by the ids in their paths", async () => {
    const admin = await createTestUser({ role: "admin" });
    const target = await createTestUser();
    expect((await callRoute(getUser, `/api/users/${target.id}`, { token: admin.token, params: { id: target.id } })).status).toBe(200);
    const text = await readMetrics();
    expect(value(text, 'http_requests_total{method="GET",route="/api/users/[id]",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(target.id);
    expect(routePattern("/api/users/abc/unlock", { id: "abc" })).toBe("/api/users/[id]/unlock");
    expect(routePattern("/api/auth/sessions/s%20x", { id: "s x" })).toBe("/api/auth/sessions/[id]");
    expect(routePattern("/api/a/b/c", { path: ["a", "b", "c"] })).toBe("/api/[...path]");
  });
});
