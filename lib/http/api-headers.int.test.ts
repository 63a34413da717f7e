import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as nextAuthGet } from "@/app/api/auth/[...nextauth]/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as ping } from "@/app/api/ping/route";
import { callRoute } from "@/lib/testing/http";

// proxy.ts does not run for /api/*: JSON answers carry the request id and the security
// headers because route() and the Auth.js catch-all set them (lib/http/api-headers.ts).
function expectApiHeaders(headers: Headers) {
  expect(headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  expect(headers.get("cache-control")).toMatch(/\bno-store\b/);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
}

const nextAuth = (path: string, headers: Record<string, string> = {}) =>
  nextAuthGet(new NextRequest(new URL(path, "http://localhost:3000"), { headers: { "x-forwarded-for": "10.9.9.9", ...headers } }));

describe("JSON API headers without the proxy", () => {
  it("gives a route() answer, success or error, its request id, no-store and the security headers", async () => {
    const ok = await callRoute(ping, "/api/ping");
    const refused = await callRoute(me, "/api/auth/me");
    expect([ok.status, refused.status]).toEqual([200, 401]);
    expectApiHeaders(ok.headers);
    expectApiHeaders(refused.headers);
    expect(refused.json.request_id).toBe(refused.headers.get("x-request-id"));
  });

  it("echoes a well-formed caller request id and replaces a malformed one", async () => {
    const kept = await callRoute(ping, "/api/ping", { headers: { "x-request-id": "caller-supplied-id-1" } });
    const replaced = await callRoute(ping, "/api/ping", { headers: { "x-request-id": "bad id!" } });
    expect(kept.headers.get("x-request-id")).toBe("caller-supplied-id-1");
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends HSTS on API answers over https", async () => {
    const res = await callRoute(ping, "/api/ping", { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("gives Auth.js' own endpoints, and its closed sign-out, the same headers", async () => {
    const session = await nextAuth("/api/auth/session", { "x-request-id": "caller-supplied-id-2" });
    const signout = await nextAuth("/api/auth/signout");
    expect([session.status, signout.status]).toEqual([200, 404]);
    expectApiHeaders(session.headers);
    expectApiHeaders(signout.headers);
    expect(session.headers.get("x-request-id")).toBe("caller-supplied-id-2");
  });
});
