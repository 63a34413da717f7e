import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Limits would turn most cases into 429s; they are tested on their own.
  process.env.RATE_LIMITS_ENABLED = "false";
});

import { createSession } from "@/lib/auth/sessions";
import { settleBackgroundWork } from "@/lib/background";
import type { RouteHandler } from "@/lib/http/route";
import { callRoute, randomEmail } from "@/lib/testing/http";
import { createTestUser, type TestUser } from "@/lib/testing/users";

// Property-based fuzzing of every JSON endpoint, in-process: arbitrary methods, path ids,
// query strings, bodies (JSON of any shape, malformed text, other content types), cookies,
// origins, request ids and client addresses, as a signed-out, signed-in and admin caller.
// Whatever comes in, the answer is never a 5xx, and every error of ours is our JSON body.
// FUZZ_RUNS raises the case count for a longer campaign.

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const modules = import.meta.glob<Record<string, unknown>>("./**/route.ts", { eager: true });
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
const endpoints: { method: string; path: string; handler: RouteHandler; ours: boolean }[] = [];
for (const [file, mod] of Object.entries(modules)) {
  const path = `/api/${file.replace(/^\.\//, "").replace(/\/?route\.ts$/, "")}`.replace(/\/$/, "");
  for (const method of METHODS) {
    if (mod[method]) endpoints.push({ method, path, handler: mod[method] as RouteHandler, ours: !path.includes("[...nextauth]") });
  }
}

const NASTY = ["\u0000", "a\u0000b", "%00", "%E0%A4%A", "%FF", "\u202egnp.exe", "\u200b", "\u3000", "\uff0f", "\ud800", "-200000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01", "1e309", "-1", "0", "NaN", "true", "null", "[]", "{}", "é".repeat(40), "x".repeat(300), "' OR 1=1 --", "<script>", "../../etc/passwd", "::ffff:1.2.3.4"];
const text = fc.oneof(fc.constantFrom(...NASTY), fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme", maxLength: 20 }));
const FIELDS = ["email", "password", "name", "current_password", "new_password", "token", "role", "is_active", "confirm", "query", "page"];
const QUERY_KEYS = ["query", "role", "status", "sort", "page", "page_size", "type", "user", "actor", "outcome", "request_id", "from", "to", "last", "callbackUrl"];
const jsonish = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("admin", "support", "user", "Correct-Horse-7-Battery", "a@example.test", true, false, 1, -1));

let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  user = await createTestUser();
  admin = await createTestUser({ role: "admin" });
});

afterAll(async () => {
  await settleBackgroundWork();
});

/**
 * A fresh session per case, so a logout, a refresh or wrong passwords end only that one. A
 * case may have deleted the plain user (their own password is among the values tried): then
 * a new one stands in.
 */
async function freshSession(caller: "user" | "admin"): Promise<string> {
  const ctx = { requestId: "fuzz", ip: "10.0.0.1", userAgent: "fuzz" };
  if (caller === "admin") return (await createSession(admin.id, ctx, { level: 2 })).token;
  try {
    return (await createSession(user.id, ctx)).token;
  } catch {
    user = await createTestUser();
    return (await createSession(user.id, ctx)).token;
  }
}

const caseArb = fc.record({
  endpoint: fc.nat({ max: endpoints.length - 1 }),
  caller: fc.constantFrom("anonymous", "user", "admin", "garbage"),
  via: fc.constantFrom("bearer", "cookie"),
  id: fc.oneof(fc.constantFrom("self", "other", "no-such-id"), text),
  query: fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), text), text, { maxKeys: 4 }),
  body: fc.oneof(
    fc.record({ kind: fc.constant("json" as const), value: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), text), jsonish, { maxKeys: 5 }) }),
    fc.record({ kind: fc.constant("raw" as const), value: fc.oneof(text, fc.constantFrom("{", "{\"email\":", "[1,2]", "null", "\"x\"", "--x\r\nbroken")) }),
    fc.constant({ kind: "none" as const, value: undefined }),
  ),
  contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", undefined),
  origin: fc.constantFrom(undefined, "http://localhost:3000", "https://evil.example", "null"),
  fetchSite: fc.constantFrom(undefined, "same-origin", "cross-site", "same-site", "none"),
  requestId: fc.option(text),
  ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom("::ffff:10.1.2.3", "[::1]:443", "garbage", "")),
});

const safePath = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
};

describe("fuzzing every JSON endpoint", () => {
  it("finds the route files", () => {
    expect(endpoints.length).toBeGreaterThan(25);
  });

  it(`answers ${RUNS} arbitrary requests without a single 5xx, with our JSON error body`, { timeout: 240_000 }, async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        count++;
        const ep = endpoints[c.endpoint];
        const token = c.caller === "anonymous" ? undefined : c.caller === "garbage" ? "%E0%A4%A" : await freshSession(c.caller);
        const who = c.caller === "admin" ? admin : user;
        // Never the admin's own account for DELETE (a right password would delete the fuzzing admin).
        const id = c.id === "self" ? (c.caller === "admin" && ep.method === "DELETE" ? user.id : who.id) : c.id === "other" ? user.id : c.id;
        const headers: Record<string, string> = { "x-forwarded-for": c.ip };
        if (c.contentType) headers["content-type"] = c.contentType;
        if (c.origin) headers.origin = c.origin;
        if (c.fetchSite) headers["sec-fetch-site"] = c.fetchSite;
        if (c.requestId !== null) headers["x-request-id"] = c.requestId.replace(/[^\x21-\x7e]/g, "");
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(c.query)) qs.append(k, v);
        const path = ep.path.replace(/\[\.\.\.(nextauth|path)\]/, safePath(c.id)).replace(/\[id\]/, safePath(id)) + (qs.size ? `?${qs}` : "");
        const rawBody = ep.method === "GET" || c.body.kind === "none" ? undefined : c.body.kind === "json" ? JSON.stringify(c.body.value) : c.body.value;
        const res = await callRoute(ep.handler, path, {
          method: ep.method,
          rawBody,
          headers,
          ...(token && c.via === "bearer" ? { token } : {}),
          ...(token && c.via === "cookie" ? { cookie: `authjs.session-token=${token}` } : {}),
          params: { id, nextauth: c.id, path: c.id } as Record<string, string>,
        });
        expect(res.status, `${ep.method} ${path} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (ep.ours && res.status >= 400) {
          expect(res.json, `${ep.method} ${path}`).toMatchObject({ error: expect.any(String), message: expect.any(String), request_id: expect.any(String) });
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    await settleBackgroundWork();
    expect(count).toBeGreaterThanOrEqual(RUNS);
  });

  it("a fresh email never collides with the fuzzing users", () => {
    expect(randomEmail()).not.toBe(user.email);
  });
});
