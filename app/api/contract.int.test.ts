import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import type { RouteHandler } from "@/lib/http/route";
import { OPENAPI_PATH, openApiDocument, openApiPath } from "@/lib/openapi/document";
import { ROUTE_MODULES } from "@/lib/openapi/routes";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { STRONG_PASSWORD, callRoute, randomEmail, type CallOptions, type CallResult } from "@/lib/testing/http";
import { createTestUser, emailLinkToken, linkToken, outboxFor, type TestUser } from "@/lib/testing/users";
import { hashToken } from "@/lib/auth/tokens";
import { totpCodeAt, totpStep } from "@/lib/mfa/totp";

// The contract: real requests to every documented endpoint, successes and errors, and each
// answer's status, body and headers checked against GET /api/openapi.json with a JSON Schema
// 2020-12 validator (OpenAPI 3.1's dialect). An answer the document does not declare, or a
// body that does not match its schema, fails here.

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
}
const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "components", components: { schemas: doc.components.schemas } });
const relink = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"components#/components/'));
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function handlerFor(method: string, path: string): RouteHandler {
  if (path === OPENAPI_PATH) return openApiRoute as RouteHandler;
  const handler = ROUTE_MODULES[path]?.[method] as RouteHandler | undefined;
  if (!handler) throw new Error(`no ${method} ${path} in lib/openapi/routes.ts`);
  return handler;
}

const seen = new Map<string, Set<number>>();
let validated = 0;

/** Calls the route and checks the answer against the document; returns it for further checks. */
async function call(method: string, path: string, url: string, opts: CallOptions = {}): Promise<CallResult> {
  const res = await callRoute(handlerFor(method, path), url, { method, ...opts });
  await settleBackgroundWork();
  const op = doc.paths[openApiPath(path)]?.[method.toLowerCase()];
  expect(op, `${method} ${path} is not in the document`).toBeDefined();
  const declared = op.responses[String(res.status)];
  expect(declared, `${method} ${path} answered ${res.status}, which the document does not declare: ${res.text.slice(0, 300)}`).toBeDefined();
  expect(res.headers.get("x-request-id"), "X-Request-Id").toBeTruthy();
  if (declared.headers?.["Retry-After"]) expect(res.headers.get("retry-after"), "Retry-After").toMatch(/^\d+$/);
  const json = declared.content?.["application/json"];
  if (!json) {
    if (!declared.content) expect(res.text, `${method} ${path} ${res.status} should have no body`).toBe("");
    else expect(res.headers.get("content-type")).toContain(Object.keys(declared.content)[0]);
  } else {
    const key = `${method} ${path} ${res.status}`;
    let validate = validators.get(key);
    if (!validate) validators.set(key, (validate = ajv.compile(relink(json.schema) as object)));
    expect(res.headers.get("content-type")).toContain("application/json");
    const ok = validate(res.json);
    expect(ok, `${key}: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 500)}`).toBe(true);
  }
  validated++;
  seen.set(`${method} ${path}`, (seen.get(`${method} ${path}`) ?? new Set()).add(res.status));
  return res;
}

let user: TestUser;
let support: TestUser;
let admin: TestUser;

beforeAll(async () => {
  [user, support, admin] = await Promise.all([createTestUser(), createTestUser({ role: "support" }), createTestUser({ role: "admin" })]);
});

afterAll(() => {
  // The closing note of issue 15 asks for this number.
  console.info(`contract: ${validated} responses validated against the OpenAPI document, ${seen.size} operations`);
});

describe("every endpoint answers as its OpenAPI description says", () => {
  it("POST /api/auth/register: 201, 400, 409, 413, 415, 403 csrf_rejected", async () => {
    const path = "/api/auth/register";
    const email = randomEmail();
    expect((await call("POST", path, path, { body: { email, name: "New", password: STRONG_PASSWORD } })).status).toBe(201);
    expect((await call("POST", path, path, { body: { email, name: "New", password: STRONG_PASSWORD } })).status).toBe(409);
    expect((await call("POST", path, path, { body: { email: "nope", name: "", password: "x" } })).json.fields).toBeDefined();
    expect((await call("POST", path, path, { rawBody: "{not json", headers: { "content-type": "application/json" } })).json.error).toBe("invalid_json");
    expect((await call("POST", path, path, { rawBody: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    expect((await call("POST", path, path, { rawBody: JSON.stringify({ pad: "x".repeat(20_000) }), headers: { "content-type": "application/json" } })).status).toBe(413);
    expect((await call("POST", path, path, { body: { email }, headers: { "sec-fetch-site": "cross-site" } })).json.error).toBe("csrf_rejected");
  });

  it("POST /api/auth/login: 200, 400, 401, 403 account_locked, 429 with Retry-After", async () => {
    const path = "/api/auth/login";
    expect((await call("POST", path, path, { body: { email: user.email, password: user.password } })).status).toBe(200);
    expect((await call("POST", path, path, { body: { email: "" } })).status).toBe(400);
    const victim = await createTestUser();
    const wrong = { body: { email: victim.email, password: "Wrong-Password-1" } };
    for (let i = 0; i < 5; i++) expect((await call("POST", path, path, wrong)).status).toBe(401);
    expect((await call("POST", path, path, wrong)).json).toMatchObject({ error: "account_locked", retry_after: expect.any(Number) });
    const ip = { "x-forwarded-for": "198.51.100.77" };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call("POST", path, path, { ...wrong, headers: ip })).status);
    expect(statuses).toContain(429);
  });

  it("the caller's own account: me, sessions, refresh, logout", async () => {
    const own = await createTestUser();
    expect((await call("GET", "/api/auth/me", "/api/auth/me", { token: own.token })).status).toBe(200);
    expect((await call("GET", "/api/auth/me", "/api/auth/me")).status).toBe(401);
    const listed = await call("GET", "/api/auth/sessions", "/api/auth/sessions", { token: own.token });
    expect(listed.status).toBe(200);
    await call("POST", "/api/auth/login", "/api/auth/login", { body: { email: own.email, password: own.password } });
    const sessions = (await call("GET", "/api/auth/sessions", "/api/auth/sessions", { token: own.token })).json.sessions as { id: string; current: boolean }[];
    const notCurrent = sessions.find((s) => !s.current)!;
    const one = "/api/auth/sessions/[id]";
    expect((await call("DELETE", one, `/api/auth/sessions/${notCurrent.id}`, { token: own.token, params: { id: notCurrent.id } })).status).toBe(204);
    expect((await call("DELETE", one, "/api/auth/sessions/none", { token: own.token, params: { id: "none" } })).status).toBe(404);
    expect((await call("DELETE", one, "/api/auth/sessions/none", { params: { id: "none" } })).status).toBe(401);
    const refreshed = await call("POST", "/api/auth/refresh", "/api/auth/refresh", { token: own.token });
    expect(refreshed.status).toBe(200);
    expect((await call("POST", "/api/auth/refresh", "/api/auth/refresh", { token: own.token })).status).toBe(401);
    expect((await call("POST", "/api/auth/logout", "/api/auth/logout", { token: refreshed.json.token as string })).status).toBe(200);
    expect((await call("POST", "/api/auth/logout", "/api/auth/logout", { token: refreshed.json.token as string })).status).toBe(401);
  });

  it("passwords: change, forgot, reset", async () => {
    const own = await createTestUser();
    const path = "/api/auth/password";
    expect((await call("POST", path, path, { token: own.token, body: { current_password: "Wrong-Password-1", new_password: "Another-Horse-8-Battery" } })).status).toBe(400);
    expect((await call("POST", path, path, { token: own.token, body: { current_password: own.password, new_password: "Another-Horse-8-Battery" } })).status).toBe(200);
    expect((await call("POST", path, path, { body: {} })).status).toBe(401);
    const forgot = "/api/auth/password/forgot";
    expect((await call("POST", forgot, forgot, { body: { email: own.email } })).status).toBe(202);
    expect((await call("POST", forgot, forgot, { body: { email: "not-an-email" } })).status).toBe(400);
    const reset = "/api/auth/password/reset";
    const [mail] = (await outboxFor(own.email)).filter((m) => m.text.includes("reset-password?token="));
    expect((await call("POST", reset, reset, { body: { token: "no-such-token", password: "Third-Horse-9-Battery" } })).status).toBe(400);
    expect((await call("POST", reset, reset, { body: { token: linkToken(mail.text), password: "Third-Horse-9-Battery" } })).status).toBe(200);
  });

  it("user administration: search, profile, change, sessions, diagnosis, export", async () => {
    const target = await createTestUser();
    const one = "/api/users/[id]";
    const at = (id: string, tail = "") => `/api/users/${id}${tail}`;
    expect((await call("GET", "/api/users", "/api/users?query=example&role=user", { token: support.token })).status).toBe(200);
    expect((await call("GET", "/api/users", "/api/users?page=0", { token: support.token })).status).toBe(400);
    expect((await call("GET", "/api/users", "/api/users", { token: user.token })).status).toBe(403);
    expect((await call("GET", one, at(target.id), { token: target.token, params: { id: target.id } })).status).toBe(200);
    expect((await call("GET", one, at(target.id), { token: user.token, params: { id: target.id } })).status).toBe(403);
    expect((await call("GET", one, at("none"), { token: admin.token, params: { id: "none" } })).status).toBe(404);
    expect((await call("PATCH", one, at(target.id), { token: target.token, params: { id: target.id }, body: { name: "Renamed" } })).status).toBe(200);
    expect((await call("PATCH", one, at(target.id), { token: target.token, params: { id: target.id }, body: {} })).status).toBe(400);
    expect((await call("PATCH", one, at(target.id), { token: target.token, params: { id: target.id }, body: { role: "admin" } })).status).toBe(403);
    expect((await call("PATCH", one, at(admin.id), { token: admin.token, params: { id: admin.id }, body: { role: "user" } })).json.error).toBe("cannot_change_self");
    for (const tail of ["/sessions", "/diagnosis"]) {
      expect((await call("GET", `${one}${tail}`, at(target.id, tail), { token: support.token, params: { id: target.id } })).status).toBe(200);
      expect((await call("GET", `${one}${tail}`, at("none", tail), { token: support.token, params: { id: "none" } })).status).toBe(404);
    }
    expect((await call("GET", `${one}/export`, at(target.id, "/export"), { token: target.token, params: { id: target.id } })).status).toBe(200);
    expect((await call("GET", `${one}/export`, at(target.id, "/export"), { token: support.token, params: { id: target.id } })).status).toBe(403);
    expect((await call("GET", `${one}/export`, at("none", "/export"), { token: admin.token, params: { id: "none" } })).status).toBe(404);
  });

  it("staff actions: unlock, revoke sessions, send reset, deactivate, delete", async () => {
    const target = await createTestUser();
    const at = (id: string, tail = "") => `/api/users/${id}${tail}`;
    const staff = { token: support.token, params: { id: target.id } };
    expect((await call("POST", "/api/users/[id]/unlock", at(target.id, "/unlock"), staff)).status).toBe(200);
    expect((await call("POST", "/api/users/[id]/unlock", at("none", "/unlock"), { token: support.token, params: { id: "none" } })).status).toBe(404);
    expect((await call("POST", "/api/users/[id]/revoke-sessions", at(target.id, "/revoke-sessions"), staff)).status).toBe(200);
    expect((await call("POST", "/api/users/[id]/revoke-sessions", at(target.id, "/revoke-sessions"), { token: user.token, params: { id: target.id } })).status).toBe(403);
    expect((await call("POST", "/api/users/[id]/send-reset", at(target.id, "/send-reset"), staff)).status).toBe(202);
    expect((await call("PATCH", "/api/users/[id]", at(target.id), { token: admin.token, params: { id: target.id }, body: { is_active: false } })).status).toBe(200);
    expect((await call("POST", "/api/users/[id]/send-reset", at(target.id, "/send-reset"), staff)).json.error).toBe("account_deactivated");
    expect((await call("DELETE", "/api/users/[id]", at(target.id), { token: admin.token, params: { id: target.id } })).status).toBe(204);
    const self = await createTestUser();
    const own = { token: self.token, params: { id: self.id } };
    expect((await call("DELETE", "/api/users/[id]", at(self.id), own)).status).toBe(415);
    expect((await call("DELETE", "/api/users/[id]", at(self.id), { ...own, body: { password: "Wrong-Password-1" } })).status).toBe(400);
    expect((await call("DELETE", "/api/users/[id]", at(self.id), { ...own, body: { password: self.password } })).status).toBe(204);
  });

  it("audit, requests, metrics, health, ping, openapi", async () => {
    expect((await call("GET", "/api/audit", "/api/audit?type=login", { token: support.token })).status).toBe(200);
    expect((await call("GET", "/api/audit", "/api/audit?outcome=maybe", { token: support.token })).status).toBe(400);
    expect((await call("GET", "/api/audit", "/api/audit", { token: user.token })).status).toBe(403);
    const traced = await call("POST", "/api/auth/login", "/api/auth/login", { body: { email: user.email, password: user.password } });
    const id = traced.headers.get("x-request-id")!;
    expect((await call("GET", "/api/requests/[id]", `/api/requests/${id}`, { token: support.token, params: { id } })).status).toBe(200);
    expect((await call("GET", "/api/requests/[id]", "/api/requests/none", { token: support.token, params: { id: "none" } })).status).toBe(404);
    expect((await call("GET", "/api/metrics", "/api/metrics", { token: admin.token })).status).toBe(200);
    expect((await call("GET", "/api/metrics", "/api/metrics", { token: support.token })).status).toBe(403);
    expect((await call("GET", "/api/metrics/summary", "/api/metrics/summary?last=1h", { token: admin.token })).status).toBe(200);
    expect((await call("GET", "/api/metrics/summary", "/api/metrics/summary?last=forever", { token: admin.token })).status).toBe(400);
    expect((await call("GET", "/api/metrics/summary", "/api/metrics/summary")).status).toBe(401);
    expect((await call("GET", "/api/health", "/api/health")).status).toBe(200);
    expect((await call("GET", "/api/ping", "/api/ping")).status).toBe(200);
    expect((await call("GET", OPENAPI_PATH, OPENAPI_PATH)).status).toBe(200);
  });

  it("connected accounts: list, disconnect (404 when none, 409 for the last way in)", async () => {
    const own = await createTestUser();
    const t = { token: own.token };
    expect((await call("GET", "/api/auth/accounts", "/api/auth/accounts", t)).json).toEqual([]);
    expect((await call("GET", "/api/auth/accounts", "/api/auth/accounts")).status).toBe(401);
    expect((await call("DELETE", "/api/auth/accounts/[provider]", "/api/auth/accounts/oidc", { ...t, params: { provider: "oidc" } })).status).toBe(404);
    await prisma().user.update({ where: { id: own.id }, data: { passwordHash: null, accounts: { create: { type: "oidc", provider: "oidc", providerAccountId: `sub-${own.id}` } } } });
    const accounts = await call("GET", "/api/auth/accounts", "/api/auth/accounts", t);
    expect(accounts.json).toEqual([{ provider: "oidc", connected_at: expect.any(String) }]);
    expect((await call("DELETE", "/api/auth/accounts/[provider]", "/api/auth/accounts/oidc", { ...t, params: { provider: "oidc" } })).status).toBe(409);
  });

  it("second factors: factors, TOTP, recovery codes, re-authentication, the second step, passkeys, staff reset", async () => {
    const own = await createTestUser();
    const t = { token: own.token };
    expect((await call("GET", "/api/auth/factors", "/api/auth/factors", t)).status).toBe(200);
    const start = await call("POST", "/api/auth/totp", "/api/auth/totp", t);
    expect(start.status).toBe(200);
    expect((await call("POST", "/api/auth/totp/confirm", "/api/auth/totp/confirm", { ...t, body: { code: "000000" } })).status).toBe(400);
    const secret = start.json.secret as string;
    const confirmed = await call("POST", "/api/auth/totp/confirm", "/api/auth/totp/confirm", { ...t, body: { code: totpCodeAt(secret, totpStep()) } });
    expect(confirmed.status).toBe(200);
    expect((await call("POST", "/api/auth/totp", "/api/auth/totp", t)).status).toBe(409);
    expect((await call("POST", "/api/auth/recovery-codes", "/api/auth/recovery-codes", t)).status).toBe(200);
    expect((await call("POST", "/api/auth/reauthenticate", "/api/auth/reauthenticate", { ...t, body: { password: "Not-It-123!" } })).status).toBe(401);
    expect((await call("POST", "/api/auth/reauthenticate", "/api/auth/reauthenticate", { ...t, body: { password: own.password } })).status).toBe(200);

    const first = await call("POST", "/api/auth/login", "/api/auth/login", { body: { email: own.email, password: own.password } });
    expect(first.json).toMatchObject({ mfa_required: true });
    expect((await call("POST", "/api/auth/login/mfa", "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: "000000" } })).status).toBe(401);
    const second = await call("POST", "/api/auth/login/mfa", "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: totpCodeAt(secret, totpStep() + 1) } });
    expect(second.status).toBe(200);

    expect((await call("POST", "/api/auth/passkeys/options", "/api/auth/passkeys/options", t)).status).toBe(200);
    const bogus = { id: "a", rawId: "a", type: "public-key", response: { clientDataJSON: "e30" } };
    expect((await call("POST", "/api/auth/passkeys", "/api/auth/passkeys", { ...t, body: { name: "x", response: bogus } })).status).toBe(400);
    expect((await call("DELETE", "/api/auth/passkeys/[id]", "/api/auth/passkeys/none", { ...t, params: { id: "none" } })).status).toBe(404);
    expect((await call("POST", "/api/auth/passkeys/login/options", "/api/auth/passkeys/login/options", { body: {} })).status).toBe(200);
    expect((await call("POST", "/api/auth/passkeys/login/options", "/api/auth/passkeys/login/options", { body: { mfa_token: "dead" } })).status).toBe(401);
    expect((await call("POST", "/api/auth/passkeys/login", "/api/auth/passkeys/login", { body: { response: bogus } })).status).toBe(400);

    const staffless = await createTestUser({ role: "support", totp: false });
    expect((await call("GET", "/api/users", "/api/users?query=x", { token: staffless.token })).json).toMatchObject({ error: "mfa_required" });
    const reset = "/api/users/[id]/reset-factors";
    expect((await call("POST", reset, `/api/users/${own.id}/reset-factors`, { token: admin.token, params: { id: own.id } })).status).toBe(200);
    expect((await call("POST", reset, `/api/users/${own.id}/reset-factors`, { token: support.token, params: { id: own.id } })).status).toBe(403);
    expect((await call("POST", "/api/auth/totp", "/api/auth/totp", { token: own.token })).status).toBe(200);
    expect((await call("DELETE", "/api/auth/totp", "/api/auth/totp", { token: own.token })).status).toBe(404);
  });

  it("email ownership: verify, resend, change, staff resend", async () => {
    const own = await createTestUser();
    const t = { token: own.token };
    const resend = "/api/auth/email/verify/resend";
    expect((await call("POST", resend, resend, t)).status).toBe(202);
    expect((await call("POST", resend, resend)).status).toBe(401);
    for (let i = 0; i < 2; i++) await call("POST", resend, resend, t);
    expect((await call("POST", resend, resend, t)).status).toBe(429);
    const verify = "/api/auth/email/verify";
    expect((await call("POST", verify, verify, { body: { token: "no-such-token" } })).status).toBe(400);
    expect((await call("POST", verify, verify, { body: { token: await emailLinkToken(own.email) } })).status).toBe(200);
    expect((await call("POST", resend, resend, { token: (await createTestUser()).token })).status).toBe(202);

    const change = "/api/auth/email";
    const mover = await createTestUser();
    const m = { token: mover.token };
    const next = randomEmail("next");
    const other = await createTestUser();
    expect((await call("POST", change, change, { ...m, body: { email: "nope" } })).status).toBe(400);
    expect((await call("POST", change, change, { ...m, body: { email: other.email } })).status).toBe(409);
    expect((await call("POST", change, change, { ...m, body: { email: next } })).status).toBe(202);
    expect((await call("POST", change, change, { body: { email: next } })).status).toBe(401);
    const stale = await createTestUser();
    await prisma().session.updateMany({ where: { sessionToken: hashToken(stale.token) }, data: { authenticatedAt: new Date(0) } });
    expect((await call("POST", change, change, { token: stale.token, body: { email: randomEmail() } })).json.error).toBe("reauthentication_required");
    const token = await emailLinkToken(next);
    await prisma().user.update({ where: { id: other.id }, data: { email: next } });
    expect((await call("POST", verify, verify, { body: { token } })).status).toBe(409);

    const staff = "/api/users/[id]/verification";
    const target = await createTestUser();
    expect((await call("POST", staff, `/api/users/${target.id}/verification`, { token: support.token, params: { id: target.id } })).status).toBe(202);
    expect((await call("POST", staff, `/api/users/${target.id}/verification`, { token: user.token, params: { id: target.id } })).status).toBe(403);
    expect((await call("POST", staff, "/api/users/none/verification", { token: support.token, params: { id: "none" } })).status).toBe(404);
    expect((await call("POST", staff, `/api/users/${own.id}/verification`, { token: support.token, params: { id: own.id } })).status).toBe(409);
  });

  it("exercised every documented operation", () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const called = new Set([...seen.keys()].map((key) => openApiPath(key)));
    expect(documented.filter((op) => !called.has(op))).toEqual([]);
  });
});
