import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, type Permission } from "@/lib/auth/permissions";
import { settleBackgroundWork } from "@/lib/background";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Access, RouteHandler } from "@/lib/http/route";
import { callRoute, randomEmail, type CallOptions } from "@/lib/testing/http";
import { createTestUser, type TestUser } from "@/lib/testing/users";

// The role matrix, generated: every route file's handlers are imported and their declared
// access read; the expected status of each kind of caller follows from the permissions
// table. A new endpoint fails here until it declares its access and is listed below with a
// way to call it, so none can ship without a permission.

const modules = import.meta.glob<Record<string, unknown>>("./**/route.ts", { eager: true });
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** "METHOD /api/path/[param]" for every exported handler. */
const handlers = new Map<string, RouteHandler>();
for (const [file, mod] of Object.entries(modules)) {
  const path = `/api/${file.replace(/^\.\//, "").replace(/\/?route\.ts$/, "")}`.replace(/\/$/, "");
  for (const method of METHODS) if (mod[method]) handlers.set(`${method} ${path}`, mod[method] as RouteHandler);
}

// Auth.js' own catch-all is not ours to declare (its sign-out is closed: auth-api tests).
const NOT_IN_MATRIX = new Set(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]"]);
// Nor is the 404 for paths that are no endpoint (app/api/[...path]; tested in lib/http/api-headers.int.test.ts).
for (const method of METHODS) NOT_IN_MATRIX.add(`${method} /api/[...path]`);

// Endpoints anyone may call; each is tested for what it does elsewhere.
const PUBLIC = new Set([
  "POST /api/auth/login",
  "POST /api/auth/register",
  "POST /api/auth/password/forgot",
  "POST /api/auth/password/reset",
  "POST /api/auth/email/verify",
  "POST /api/auth/login/mfa",
  "POST /api/auth/passkeys/login/options",
  "POST /api/auth/passkeys/login",
  "GET /api/health",
  "GET /api/ping",
  "GET /api/openapi.json",
  "GET /api/bench/event-loop",
  "GET /api/test/outbox",
  "POST /api/test/role",
  "POST /api/test/age-sessions",
]);

interface Call {
  path: (id: string) => string;
  body?: (target: TestUser) => unknown;
  /** Status of an allowed call. */
  ok: number;
  /** A variant whose body needs another permission than the route's own (checked inside). */
  requires?: Permission;
  /** The allowed call's status for callers whose own account differs (staff have an authenticator app enrolled). */
  okAs?: Partial<Record<Caller, number>>;
  variant?: string;
}

/** How to call each signed-in endpoint on a fresh target user. */
const CALLS: Record<string, Call[]> = {
  "GET /api/auth/me": [{ path: () => "/api/auth/me", ok: 200 }],
  "POST /api/auth/logout": [{ path: () => "/api/auth/logout", ok: 200 }],
  "POST /api/auth/refresh": [{ path: () => "/api/auth/refresh", ok: 200 }],
  "GET /api/auth/sessions": [{ path: () => "/api/auth/sessions", ok: 200 }],
  "DELETE /api/auth/sessions/[id]": [{ path: () => "/api/auth/sessions/no-such-session", ok: 404 }],
  "POST /api/auth/password": [{ path: () => "/api/auth/password", body: () => ({ current_password: "wrong-Password-1", new_password: "Another-Horse-8-Battery" }), ok: 400 }],
  "POST /api/auth/email": [{ path: () => "/api/auth/email", body: () => ({ email: randomEmail("new") }), ok: 202 }],
  "POST /api/auth/email/verify/resend": [{ path: () => "/api/auth/email/verify/resend", ok: 202 }],
  "POST /api/users/[id]/verification": [{ path: (id) => `/api/users/${id}/verification`, ok: 202 }],
  "GET /api/auth/factors": [{ path: () => "/api/auth/factors", ok: 200 }],
  "GET /api/auth/accounts": [{ path: () => "/api/auth/accounts", ok: 200 }],
  "DELETE /api/auth/accounts/[provider]": [{ path: () => "/api/auth/accounts/oidc", ok: 404 }],
  "POST /api/auth/totp": [{ path: () => "/api/auth/totp", ok: 200, okAs: { support: 409, admin: 409 } }],
  "DELETE /api/auth/totp": [{ path: () => "/api/auth/totp", ok: 404, okAs: { support: 204, admin: 204 } }],
  "POST /api/auth/totp/confirm": [{ path: () => "/api/auth/totp/confirm", body: () => ({ code: "000000" }), ok: 400 }],
  "POST /api/auth/recovery-codes": [{ path: () => "/api/auth/recovery-codes", ok: 400, okAs: { support: 200, admin: 200 } }],
  "POST /api/auth/reauthenticate": [{ path: () => "/api/auth/reauthenticate", body: () => ({ password: "Wrong-Horse-1!" }), ok: 401 }],
  "POST /api/auth/passkeys/options": [{ path: () => "/api/auth/passkeys/options", ok: 200 }],
  "POST /api/auth/passkeys": [{ path: () => "/api/auth/passkeys", body: () => ({ name: "x", response: { id: "a", rawId: "a", type: "public-key", response: { clientDataJSON: "e30" } } }), ok: 400 }],
  "DELETE /api/auth/passkeys/[id]": [{ path: () => "/api/auth/passkeys/no-such-passkey", ok: 404 }],
  "POST /api/users/[id]/reset-factors": [{ path: (id) => `/api/users/${id}/reset-factors`, ok: 200 }],
  "GET /api/users": [{ path: () => "/api/users?query=example", ok: 200 }],
  "GET /api/users/[id]": [{ path: (id) => `/api/users/${id}`, ok: 200 }],
  "PATCH /api/users/[id]": [
    { variant: "name", path: (id) => `/api/users/${id}`, body: () => ({ name: "Renamed" }), ok: 200 },
    { variant: "role", path: (id) => `/api/users/${id}`, body: () => ({ role: "support" }), ok: 200, requires: "users:role" },
    { variant: "is_active", path: (id) => `/api/users/${id}`, body: () => ({ is_active: false }), ok: 200, requires: "users:deactivate" },
  ],
  "DELETE /api/users/[id]": [{ path: (id) => `/api/users/${id}`, body: (t) => ({ password: t.password }), ok: 204 }],
  "POST /api/users/[id]/unlock": [{ path: (id) => `/api/users/${id}/unlock`, ok: 200 }],
  "POST /api/users/[id]/revoke-sessions": [{ path: (id) => `/api/users/${id}/revoke-sessions`, ok: 200 }],
  "POST /api/users/[id]/send-reset": [{ path: (id) => `/api/users/${id}/send-reset`, ok: 202 }],
  "GET /api/users/[id]/diagnosis": [{ path: (id) => `/api/users/${id}/diagnosis`, ok: 200 }],
  "GET /api/users/[id]/sessions": [{ path: (id) => `/api/users/${id}/sessions`, ok: 200 }],
  "GET /api/users/[id]/export": [{ path: (id) => `/api/users/${id}/export`, ok: 200 }],
  "GET /api/metrics": [{ path: () => "/api/metrics", ok: 200 }],
  "GET /api/metrics/summary": [{ path: () => "/api/metrics/summary?last=1h", ok: 200 }],
  "GET /api/audit": [{ path: () => "/api/audit?type=login", ok: 200 }],
  "GET /api/requests/[id]": [{ path: () => "/api/requests/no-such-request", ok: 404 }],
};

type Caller = "anonymous" | "self" | "other user" | "support" | "admin";
const CALLERS: Caller[] = ["anonymous", "self", "other user", "support", "admin"];
const ROLE_OF: Record<Exclude<Caller, "anonymous">, Role> = { self: "user", "other user": "user", support: "support", admin: "admin" };

function expected(access: Access, call: Call, caller: Caller): number {
  if (access === "public") return call.ok;
  if (caller === "anonymous") return 401;
  const permission = typeof access === "string" ? access : access.permission;
  const selfAllowed = caller === "self" && typeof access === "object" && access.orSelf !== undefined;
  const allowed = (selfAllowed || can(ROLE_OF[caller], permission)) && (!call.requires || can(ROLE_OF[caller], call.requires));
  return allowed ? (call.okAs?.[caller] ?? call.ok) : 403;
}

async function callerToken(caller: Caller, target: TestUser): Promise<string | undefined> {
  if (caller === "anonymous") return undefined;
  if (caller === "self") return target.token;
  const role = caller === "other user" ? undefined : ROLE_OF[caller];
  return (await createTestUser({ role })).token;
}

describe("every endpoint declares who may call it", () => {
  it("finds the route files", () => {
    expect(handlers.size).toBeGreaterThan(20);
  });

  it.each([...handlers.keys()].filter((k) => !NOT_IN_MATRIX.has(k)))("%s declares its access and is in the matrix", (key) => {
    const spec = handlers.get(key)!.spec;
    expect(spec, `${key} is not wrapped in route()`).toBeDefined();
    if (spec.access === "public") expect(PUBLIC.has(key), `${key} is public but not listed as such`).toBe(true);
    else expect(CALLS[key], `${key} has no entry in CALLS`).toBeDefined();
  });

  it("names only endpoints that exist and permissions that are in the table", () => {
    for (const key of [...PUBLIC, ...Object.keys(CALLS)]) expect(handlers.has(key), key).toBe(true);
    for (const call of Object.values(CALLS).flat()) if (call.requires) expect(PERMISSIONS[call.requires]).toBeDefined();
  });
});

const rows = Object.entries(CALLS).flatMap(([key, calls]) =>
  calls.flatMap((call) => CALLERS.map((caller) => [call.variant ? `${key} (${call.variant})` : key, caller, key, call] as const)),
);

describe("role matrix", () => {
  it.each(rows)("%s as %s", async (_name, caller, key, call) => {
    const handler = handlers.get(key)!;
    const status = expected(handler.spec.access, call, caller);
    const target = await createTestUser();
    const token = await callerToken(caller, target);
    const opts: CallOptions = { method: key.split(" ")[0], token, params: { id: target.id } };
    if (call.body) opts.body = call.body(target);
    const res = await callRoute(handler, call.path(target.id), opts);
    await settleBackgroundWork();
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.json).toMatchObject({ error: expect.any(String), request_id: expect.any(String) });
  });

  const byUserId = Object.entries(CALLS).filter(([key]) => key.includes("/api/users/[id]"));
  it.each(byUserId.map(([key, calls]) => [key, calls[0]] as const))("%s answers 404 for an unknown id (admin)", async (key, call) => {
    const admin = await createTestUser({ role: "admin" });
    const opts: CallOptions = { method: key.split(" ")[0], token: admin.token, params: { id: "no-such-user" } };
    if (call.body) opts.body = { name: "X", password: "whatever-1" };
    const res = await callRoute(handlers.get(key)!, call.path("no-such-user"), opts);
    await settleBackgroundWork();
    expect(res.status).toBe(404);
  });
});
