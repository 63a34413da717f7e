import { beforeEach, describe, expect, it, vi } from "vitest";

// The in-memory request log behind `cli metrics --last` and `cli debug --trace-request`,
// through the real route handlers.
const { METRICS_TOKEN } = vi.hoisted(() => {
  const METRICS_TOKEN = "request-log-test-token-0123456789abcdef";
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  return { METRICS_TOKEN };
});

import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as summary } from "@/app/api/metrics/summary/route";
import { GET as trace } from "@/app/api/requests/[id]/route";
import { callRoute } from "@/lib/testing/http";
import { createTestUser, type TestUser } from "@/lib/testing/users";
import { resetRequestLog } from "./request-log";

let user: TestUser;
let support: TestUser;

beforeEach(async () => {
  user = await createTestUser();
  support = await createTestUser({ role: "support" });
  resetRequestLog();
});

describe("GET /api/metrics/summary", () => {
  it("summarises this instance's requests of the period: totals, success rate, percentiles, errors, busiest routes", async () => {
    for (let i = 0; i < 2; i++) expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(200);
    expect((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "Wrong-Password-1!" } })).status).toBe(401);
    expect((await callRoute(me, "/api/auth/me", { token: user.token })).status).toBe(200);

    const res = await callRoute(summary, "/api/metrics/summary?last=1h", { token: METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      total: 4,
      success_rate: 75,
      by_status: { "200": 3, "401": 1 },
      errors: [{ status: 401, route: "POST /api/auth/login", count: 1 }],
    });
    expect((res.json.top_routes as { route: string; count: number }[])[0]).toMatchObject({ route: "POST /api/auth/login", count: 3 });
    const latency = res.json.latency_ms as Record<string, number>;
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p99).toBeGreaterThanOrEqual(latency.p50);
    expect(Date.parse(res.json.to as string) - Date.parse(res.json.from as string)).toBe(3_600_000);
  });

  it("answers 400 naming `last` for a bad period, and only to the metrics token or an admin", async () => {
    const bad = await callRoute(summary, "/api/metrics/summary?last=2d", { token: METRICS_TOKEN });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toHaveProperty("last");
    expect((await callRoute(summary, "/api/metrics/summary")).status).toBe(401);
    expect((await callRoute(summary, "/api/metrics/summary", { token: support.token })).status).toBe(403);
    expect((await callRoute(summary, "/api/metrics/summary", { token: (await createTestUser({ role: "admin" })).token })).status).toBe(200);
  });
});

describe("GET /api/requests/{id}", () => {
  it("gives support the request's route, status and duration and the audit events it wrote", async () => {
    const failed = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "Wrong-Password-1!" }, headers: { "x-request-id": "client-chosen-0123456789" } });
    // Ours, never the client's: the client's id cannot pollute or spoof a reference.
    const requestId = failed.json.request_id as string;
    expect(requestId).not.toBe("client-chosen-0123456789");
    expect(failed.headers.get("x-request-id")).toBe(requestId);

    const res = await callRoute(trace, `/api/requests/${requestId}`, { token: support.token, params: { id: requestId } });
    expect(res.status).toBe(200);
    expect(res.json.request).toMatchObject({ method: "POST", route: "/api/auth/login", status: 401, duration_ms: expect.any(Number) });
    expect(res.json.events).toEqual([expect.objectContaining({ type: "login", outcome: "failure", target_user_id: user.id, metadata: { reason: "wrong_password" } })]);
  });

  it("is 404 for an id nobody knows, 403 for a plain user, 401 without a session", async () => {
    expect((await callRoute(trace, "/api/requests/nope-0123456789", { token: support.token, params: { id: "nope-0123456789" } })).status).toBe(404);
    expect((await callRoute(trace, "/api/requests/nope-0123456789", { token: user.token, params: { id: "nope-0123456789" } })).status).toBe(403);
    expect((await callRoute(trace, "/api/requests/nope-0123456789", { params: { id: "nope-0123456789" } })).status).toBe(401);
  });
});
