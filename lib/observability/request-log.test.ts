import { describe, expect, it } from "vitest";
import { summarize, type RequestEntry } from "./request-log";

const entry = (route: string, status: number, ms: number, method = "GET"): RequestEntry => ({ at: 0, requestId: `r-${route}-${ms}`, method, route, status, ms });

describe("summarize", () => {
  it("counts, rates, percentiles, errors by status and route, busiest routes first", () => {
    const entries = [
      ...Array.from({ length: 96 }, (_, i) => entry("/api/auth/me", 200, i + 1)),
      entry("/api/auth/login", 401, 400, "POST"),
      entry("/api/auth/login", 401, 420, "POST"),
      entry("/api/auth/login", 200, 410, "POST"),
      entry("/api/users/[id]", 500, 1000),
    ];
    const s = summarize(entries, 0, 3_600_000);
    expect(s.total).toBe(100);
    expect(s.success_rate).toBe(97);
    expect(s.latency_ms).toEqual({ p50: 50, p95: 95, p99: 420 });
    expect(s.by_status).toEqual({ "200": 97, "401": 2, "500": 1 });
    expect(s.errors).toEqual([
      { status: 401, route: "POST /api/auth/login", count: 2 },
      { status: 500, route: "GET /api/users/[id]", count: 1 },
    ]);
    expect(s.top_routes.map((r) => [r.route, r.count])).toEqual([
      ["GET /api/auth/me", 96],
      ["POST /api/auth/login", 3],
      ["GET /api/users/[id]", 1],
    ]);
    expect(s.top_routes[1].p95_ms).toBe(420);
  });

  it("has no rate or percentiles for an empty period", () => {
    expect(summarize([], 0, 1000)).toMatchObject({ total: 0, success_rate: null, latency_ms: { p50: null, p95: null, p99: null }, errors: [], top_routes: [] });
  });
});
