import { describe, expect, it } from "vitest";
import { GET as audit } from "@/app/api/audit/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { POST as register } from "@/app/api/auth/register/route";
import { DELETE as deleteSession } from "@/app/api/auth/sessions/[id]/route";
import { GET as trace } from "@/app/api/requests/[id]/route";
import { GET as users } from "@/app/api/users/route";
import { GET as getUser, PATCH as patchUser } from "@/app/api/users/[id]/route";
import { callRoute, randomEmail, STRONG_PASSWORD } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";

// The probes of issue 14 that reached a 500: each is a 4xx with our JSON error body.

const ourError = { error: expect.any(String), message: expect.any(String), request_id: expect.any(String) };

describe("input that used to reach a 500", () => {
  it("NUL in a name (register, PATCH) is a 400 naming the field", async () => {
    const reg = await callRoute(register, "/api/auth/register", { body: { email: randomEmail(), name: "Nul\u0000Name", password: STRONG_PASSWORD } });
    expect(reg.status).toBe(400);
    expect(reg.json).toMatchObject({ ...ourError, fields: { name: expect.any(String) } });
    const user = await createTestUser();
    const patch = await callRoute(patchUser, `/api/users/${user.id}`, { method: "PATCH", token: user.token, params: { id: user.id }, body: { name: "a\u0000b" } });
    expect(patch.status).toBe(400);
    expect(patch.json).toMatchObject({ ...ourError, fields: { name: expect.any(String) } });
  });

  it("NUL in search and audit filters is a 400, in path ids a 400 (the URL rule) and a 404 for an id that holds one however it got there", async () => {
    const support = await createTestUser({ role: "support" });
    for (const path of ["/api/users?query=%00", "/api/users?query=a%00b"]) {
      const r = await callRoute(users, path, { token: support.token });
      expect(r.status, path).toBe(400);
      expect(r.json).toMatchObject({ ...ourError, fields: { query: expect.any(String) } });
    }
    for (const key of ["type", "user", "actor", "request_id"]) {
      const r = await callRoute(audit, `/api/audit?${key}=x%00y`, { token: support.token });
      expect(r.status, key).toBe(400);
      expect(r.json).toMatchObject(ourError);
    }
    const byPath = [
      await callRoute(getUser, "/api/users/%00", { token: support.token, params: { id: "\u0000" } }),
      await callRoute(trace, "/api/requests/%00", { token: support.token, params: { id: "\u0000" } }),
      await callRoute(deleteSession, "/api/auth/sessions/%00", { method: "DELETE", token: support.token, params: { id: "\u0000" } }),
    ];
    for (const r of byPath) expect(r.json).toMatchObject({ ...ourError, fields: { path: "must not contain NUL" } });
    // assertPathParams behind it: a NUL id names nothing.
    const byId = [
      await callRoute(getUser, "/api/users/x", { token: support.token, params: { id: "\u0000" } }),
      await callRoute(trace, "/api/requests/x", { token: support.token, params: { id: "\u0000" } }),
      await callRoute(deleteSession, "/api/auth/sessions/x", { method: "DELETE", token: support.token, params: { id: "\u0000" } }),
    ];
    for (const r of byId) expect(r.status).toBe(404);
  });

  it("an audit date far outside years 1..9999 is a 400 naming it", async () => {
    const support = await createTestUser({ role: "support" });
    for (const from of ["-200000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"]) {
      const r = await callRoute(audit, `/api/audit?from=${encodeURIComponent(from)}`, { token: support.token });
      expect(r.status, from).toBe(400);
      expect(r.json).toMatchObject({ ...ourError, fields: { from: expect.stringMatching(/years 1 and 9999/) } });
    }
  });

  it("a session cookie that is not valid percent-encoding reads as no cookie", async () => {
    const r = await callRoute(forgot, "/api/auth/password/forgot", { body: { email: randomEmail() }, cookie: "authjs.session-token=%E0%A4%A" });
    expect(r.status).toBe(202);
    const out = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: "authjs.session-token=%E0%A4%A", headers: { "sec-fetch-site": "same-origin" } });
    expect(out.status).toBe(401);
  });
});

describe("the same-origin check with TRUST_PROXY=0", () => {
  it("ignores a client's X-Forwarded-Host / X-Forwarded-Proto: only APP_URL is our origin", async () => {
    const user = await createTestUser();
    const forged = await callRoute(logout, "/api/auth/logout", {
      method: "POST",
      cookie: `authjs.session-token=${user.token}`,
      headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(forged.status).toBe(403);
    expect(forged.json).toMatchObject({ ...ourError, error: "csrf_rejected" });
    const ours = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: `authjs.session-token=${user.token}`, headers: { origin: "http://localhost:3000" } });
    expect(ours.status).toBe(200);
  });
});
