import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as unknownGet, POST as unknownPost } from "@/app/api/[...path]/route";
import { GET as nextAuthGet } from "@/app/api/auth/[...nextauth]/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as health } from "@/app/api/health/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as ping } from "@/app/api/ping/route";
import { GET as getUser } from "@/app/api/users/[id]/route";
import { GET as users } from "@/app/api/users/route";
import { callRoute } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";

// proxy.ts does not run for /api/*: every rule it applies to pages holds for JSON answers
// because route() and the Auth.js catch-all apply them: our own request id (the client's
// X-Request-Id and x-latchkey-request-id are never adopted), the URL rule (lib/http/
// url-rules.ts), and the headers (lib/http/api-headers.ts: request id, no-store, security).
const OUR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ourError = { error: expect.any(String), message: expect.any(String), request_id: expect.any(String) };

function expectApiHeaders(headers: Headers) {
  expect(headers.get("x-request-id")).toMatch(OUR_ID);
  expect(headers.get("cache-control")).toMatch(/\bno-store\b/);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(headers.get("permissions-policy")).toMatch(/camera=\(\)/);
  expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
}

const nextAuth = (path: string, headers: Record<string, string> = {}) =>
  nextAuthGet(new NextRequest(new URL(path, "http://localhost:3000"), { headers: { "x-forwarded-for": "10.9.9.9", ...headers } }));

describe("JSON API rules without the proxy", () => {
  it("gives a route() answer, success or error, our request id, no-store and the security headers", async () => {
    const ok = await callRoute(ping, "/api/ping");
    const refused = await callRoute(me, "/api/auth/me");
    expect([ok.status, refused.status]).toEqual([200, 401]);
    expectApiHeaders(ok.headers);
    expectApiHeaders(refused.headers);
    expect(refused.json.request_id).toBe(refused.headers.get("x-request-id"));
  });

  it("never adopts the caller's X-Request-Id, nor an x-latchkey-request-id it sends", async () => {
    const forged = "0b7e3a8c-1d2f-4a5b-8c9d-0e1f2a3b4c5d";
    const res = await callRoute(me, "/api/auth/me", { headers: { "x-request-id": "caller-supplied-id-1", "x-latchkey-request-id": forged } });
    expect(res.headers.get("x-request-id")).toMatch(OUR_ID);
    expect(res.headers.get("x-request-id")).not.toBe(forged);
    expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
    const a = await callRoute(ping, "/api/ping", { headers: { "x-request-id": "caller-supplied-id-2" } });
    const b = await callRoute(ping, "/api/ping", { headers: { "x-request-id": "caller-supplied-id-2" } });
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("sends HSTS on API answers over https", async () => {
    const res = await callRoute(ping, "/api/ping", { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("refuses undecodable and NUL paths and NUL queries with our 400 and the headers, on any route", async () => {
    const support = await createTestUser({ role: "support" });
    const cases = [
      await callRoute(getUser, "/api/users/%FF", { token: support.token, params: { id: "%FF" } }),
      await callRoute(getUser, "/api/users/%E0%A4%A", { token: support.token, params: { id: "%E0%A4%A" } }),
      await callRoute(getUser, "/api/users/%00", { token: support.token, params: { id: "\u0000" } }),
      await callRoute(users, "/api/users?query=%00", { token: support.token }),
      await callRoute(ping, "/api/ping?x%00=1"),
      await callRoute(health, "/api/health?a=%00"),
      await callRoute(metrics, "/api/metrics?a=%00"),
    ];
    for (const r of cases) {
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ ...ourError, error: "validation_error", fields: expect.any(Object) });
      expectApiHeaders(r.headers);
      expect(r.json.request_id).toBe(r.headers.get("x-request-id"));
    }
    expect(cases[0].json.fields).toEqual({ path: "not valid percent-encoding" });
    expect(cases[2].json.fields).toEqual({ path: "must not contain NUL" });
  });

  it("gives Auth.js' own endpoints, and its closed sign-out, the same rules and headers", async () => {
    const session = await nextAuth("/api/auth/session", { "x-request-id": "caller-supplied-id-3" });
    const signout = await nextAuth("/api/auth/signout");
    const nul = await nextAuth("/api/auth/session?x=%00");
    const undecodable = await nextAuth("/api/auth/%E0%A4%A");
    expect([session.status, signout.status, nul.status, undecodable.status]).toEqual([200, 404, 400, 400]);
    for (const res of [session, signout, nul, undecodable]) expectApiHeaders(res.headers);
    expect(session.headers.get("x-request-id")).not.toBe("caller-supplied-id-3");
    expect(await nul.json()).toMatchObject({ ...ourError, error: "validation_error" });
  });

  it("answers paths that are no endpoint with our JSON 404 and the headers, whatever the method", async () => {
    const get = await callRoute(unknownGet, "/api/no/such/endpoint", { params: { path: ["no", "such", "endpoint"] } as never });
    const post = await callRoute(unknownPost, "/api/nope", { body: {}, headers: { "sec-fetch-site": "same-origin" }, params: { path: ["nope"] } as never });
    for (const r of [get, post]) {
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({ ...ourError, error: "not_found" });
      expectApiHeaders(r.headers);
    }
  });

  it("leaves the fixed headers and the request id to scripts/serve.mjs once it says it sets them (HSTS over https stays here)", async () => {
    const hook = Symbol.for("latchkey.server");
    const holder = globalThis as Record<symbol, unknown>;
    const before = holder[hook];
    holder[hook] = { apiHeadersFromServer: true };
    // What serve.mjs does for every /api/* request: our id in x-latchkey-request-id (over
    // whatever the client sent there) and as X-Request-Id on the response it writes.
    const serverId = "5d0c4c1e-9a7b-4f3e-8d2c-1b0a9f8e7d6c";
    const fromServer = { "x-latchkey-request-id": serverId };
    try {
      const plain = await callRoute(ping, "/api/ping", { headers: fromServer });
      const https = await callRoute(ping, "/api/ping", { headers: { ...fromServer, "x-forwarded-proto": "https" } });
      const refused = await callRoute(me, "/api/auth/me", { headers: fromServer });
      const session = await nextAuth("/api/auth/session?x=%00", fromServer);
      for (const res of [plain, https, refused, session]) {
        expect(res.headers.get("x-request-id")).toBeNull();
        expect(res.headers.get("x-content-type-options")).toBeNull();
        expect(res.headers.get("cache-control")).toBeNull();
      }
      expect(refused.json.request_id).toBe(serverId);
      expect((await session.json()).request_id).toBe(serverId);
      // Tests do not run as production, where the server's set already carries HSTS.
      expect(plain.headers.get("strict-transport-security")).toBeNull();
      expect(https.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    } finally {
      holder[hook] = before;
    }
    // Without the server's word the header is the client's: not adopted.
    const alone = await callRoute(me, "/api/auth/me", { headers: fromServer });
    expectApiHeaders(alone.headers);
    expect(alone.json.request_id).not.toBe(serverId);
  });
});
