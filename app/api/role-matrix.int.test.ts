import { describe, expect, it } from "vitest";
import { GET as audit } from "@/app/api/audit/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as metricsSummary } from "@/app/api/metrics/summary/route";
import { GET as listUsers } from "@/app/api/users/route";
import { DELETE as deleteUser, GET as getUser, PATCH as patchUser } from "@/app/api/users/[id]/route";
import { GET as exportUser } from "@/app/api/users/[id]/export/route";
import { POST as revokeSessions } from "@/app/api/users/[id]/revoke-sessions/route";
import { POST as sendReset } from "@/app/api/users/[id]/send-reset/route";
import { GET as userSessions } from "@/app/api/users/[id]/sessions/route";
import { GET as userDiagnosis } from "@/app/api/users/[id]/diagnosis/route";
import { POST as unlock } from "@/app/api/users/[id]/unlock/route";
import { settleBackgroundWork } from "@/lib/background";
import { callRoute, type CallOptions } from "@/lib/testing/http";
import { createTestUser, type TestUser } from "@/lib/testing/users";

// Every endpoint x every kind of caller -> the status SPEC 5 gives. Each row gets a fresh
// target user and a fresh caller, so destructive rows cannot leak into others.

type Caller = "anonymous" | "self" | "other user" | "support" | "admin";
const CALLERS: Caller[] = ["anonymous", "self", "other user", "support", "admin"];

interface Endpoint {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers of any params
  handler: any;
  method: string;
  path: (id: string) => string;
  body?: (target: TestUser) => unknown;
  expected: Record<Caller, number>;
}

const ENDPOINTS: Endpoint[] = [
  { name: "GET /api/auth/me", handler: me, method: "GET", path: () => "/api/auth/me", expected: { anonymous: 401, self: 200, "other user": 200, support: 200, admin: 200 } },
  { name: "GET /api/users", handler: listUsers, method: "GET", path: () => "/api/users?query=example", expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
  { name: "GET /api/users/{id}", handler: getUser, method: "GET", path: (id) => `/api/users/${id}`, expected: { anonymous: 401, self: 200, "other user": 403, support: 200, admin: 200 } },
  { name: "PATCH /api/users/{id} name", handler: patchUser, method: "PATCH", path: (id) => `/api/users/${id}`, body: () => ({ name: "Renamed" }), expected: { anonymous: 401, self: 200, "other user": 403, support: 403, admin: 200 } },
  { name: "PATCH /api/users/{id} role", handler: patchUser, method: "PATCH", path: (id) => `/api/users/${id}`, body: () => ({ role: "support" }), expected: { anonymous: 401, self: 403, "other user": 403, support: 403, admin: 200 } },
  { name: "PATCH /api/users/{id} is_active", handler: patchUser, method: "PATCH", path: (id) => `/api/users/${id}`, body: () => ({ is_active: false }), expected: { anonymous: 401, self: 403, "other user": 403, support: 403, admin: 200 } },
  { name: "DELETE /api/users/{id}", handler: deleteUser, method: "DELETE", path: (id) => `/api/users/${id}`, body: (t) => ({ password: t.password }), expected: { anonymous: 401, self: 204, "other user": 403, support: 403, admin: 204 } },
  { name: "POST /api/users/{id}/unlock", handler: unlock, method: "POST", path: (id) => `/api/users/${id}/unlock`, expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
  { name: "POST /api/users/{id}/revoke-sessions", handler: revokeSessions, method: "POST", path: (id) => `/api/users/${id}/revoke-sessions`, expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
  { name: "POST /api/users/{id}/send-reset", handler: sendReset, method: "POST", path: (id) => `/api/users/${id}/send-reset`, expected: { anonymous: 401, self: 403, "other user": 403, support: 202, admin: 202 } },
  { name: "GET /api/users/{id}/diagnosis", handler: userDiagnosis, method: "GET", path: (id) => `/api/users/${id}/diagnosis`, expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
  { name: "GET /api/users/{id}/sessions", handler: userSessions, method: "GET", path: (id) => `/api/users/${id}/sessions`, expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
  { name: "GET /api/users/{id}/export", handler: exportUser, method: "GET", path: (id) => `/api/users/${id}/export`, expected: { anonymous: 401, self: 200, "other user": 403, support: 403, admin: 200 } },
  { name: "GET /api/metrics", handler: metrics, method: "GET", path: () => "/api/metrics", expected: { anonymous: 401, self: 403, "other user": 403, support: 403, admin: 200 } },
  { name: "GET /api/metrics/summary", handler: metricsSummary, method: "GET", path: () => "/api/metrics/summary?last=1h", expected: { anonymous: 401, self: 403, "other user": 403, support: 403, admin: 200 } },
  { name: "GET /api/audit", handler: audit, method: "GET", path: () => "/api/audit?type=login", expected: { anonymous: 401, self: 403, "other user": 403, support: 200, admin: 200 } },
];

async function callerToken(caller: Caller, target: TestUser): Promise<string | undefined> {
  if (caller === "anonymous") return undefined;
  if (caller === "self") return target.token;
  const role = caller === "other user" ? undefined : caller;
  return (await createTestUser({ role })).token;
}

const rows = ENDPOINTS.flatMap((e) => CALLERS.map((c) => [e.name, c, e.expected[c], e] as const));

describe("role matrix", () => {
  it.each(rows)("%s as %s -> %i", async (_name, caller, status, endpoint) => {
    const target = await createTestUser();
    const token = await callerToken(caller, target);
    const opts: CallOptions = { method: endpoint.method, token, params: { id: target.id } };
    if (endpoint.body) opts.body = endpoint.body(target);
    const res = await callRoute(endpoint.handler, endpoint.path(target.id), opts);
    await settleBackgroundWork();
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.json).toMatchObject({ error: expect.any(String), request_id: expect.any(String) });
  });

  const byId = ENDPOINTS.filter((e) => e.path("X").includes("/X"));
  it.each(byId.map((e) => [e.name, e] as const))("%s answers 404 for an unknown id (admin)", async (_name, endpoint) => {
    const admin = await createTestUser({ role: "admin" });
    const opts: CallOptions = { method: endpoint.method, token: admin.token, params: { id: "no-such-user" } };
    if (endpoint.body) opts.body = { name: "X", password: "whatever-1" };
    const res = await callRoute(endpoint.handler, endpoint.path("no-such-user"), opts);
    await settleBackgroundWork();
    expect(res.status).toBe(404);
  });
});
