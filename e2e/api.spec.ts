import { expect, test } from "./fixtures";

// Journeys through the JSON API only: they check the harness itself (server, fresh
// database, fixtures, cookies) independently of the pages.

test("health reports the embedded database up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["x-request-id"]).toBeTruthy();
  expect(await res.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });
});

test("a registered user signs in, lists both sessions, signs out and is then refused", async ({ api, request, user }) => {
  await api.login(user.email, user.password);
  const me = await request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: user.email, name: user.name, role: "user" });

  const sessions = (await (await request.get("/api/auth/sessions")).json()).sessions as { current: boolean }[];
  expect(sessions).toHaveLength(2);
  expect(sessions.filter((s) => s.current)).toHaveLength(1);

  expect((await api.post("/api/auth/logout")).status()).toBe(200);
  expect((await request.get("/api/auth/me")).status()).toBe(401);
});

test("a wrong password gets the generic 401 with a request id", async ({ api, user }) => {
  const res = await api.post("/api/auth/login", { email: user.email, password: `${user.password}x` });
  expect(res.status()).toBe(401);
  const body = await res.json();
  expect(body).toMatchObject({ error: "invalid_credentials", message: "Email or password is incorrect" });
  expect(body.request_id).toBe(res.headers()["x-request-id"]);
});

test("signedInPage carries the user's session cookie", async ({ signedInPage, user }) => {
  const me = await signedInPage.request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(user.email);
});

test("an admin reads the Prometheus metrics of the running server; a plain user cannot", async ({ playwright, baseURL, adminAccount, account }) => {
  const get = async (token: string) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const res = await ctx.get("/api/metrics");
    const out = { status: res.status(), type: res.headers()["content-type"], text: await res.text() };
    await ctx.dispose();
    return out;
  };
  expect((await get(account.sessionToken)).status).toBe(403);
  const res = await get(adminAccount.sessionToken);
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain/);
  // Both accounts registered through the API of this very server.
  expect(res.text).toMatch(/^http_requests_total\{method="POST",route="\/api\/auth\/register",status="201"\} [1-9]/m);
  expect(res.text).toMatch(/^auth_active_sessions [1-9]/m);
});
