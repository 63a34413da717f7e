import { newUserData } from "./api";
import { expect, test } from "./fixtures";

// The pages work under the nonce CSP: Chromium reports no violation on any of them.

test("no CSP violations while registering, on the dashboard and signing in", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to execute: CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  const user = newUserData("csp");
  await page.goto("/register");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${user.name}` })).toBeVisible();
  await page.goto("/login");
  await page.goto("/dashboard");
  expect(violations).toEqual([]);
  const res = await page.request.get("/login");
  const csp = res.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a cross-site form post with a valid session cookie is refused", async ({ signedInPage, baseURL }) => {
  const res = await signedInPage.request.post("/api/auth/logout", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
    data: "a=b",
  });
  expect(res.status()).toBe(403);
  await signedInPage.goto(`${baseURL}/dashboard`);
  await expect(signedInPage.getByRole("heading", { level: 1 })).toContainText("Welcome");
});

test("JSON answers carry our request id and the security headers without the proxy; pages keep their nonce", async ({ request }) => {
  const ourId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const forged = { "x-request-id": "e2e-request-id-1", "x-latchkey-request-id": "0b7e3a8c-1d2f-4a5b-8c9d-0e1f2a3b4c5d" };
  const api = await request.get("/api/ping", { headers: forged });
  const auth = await request.get("/api/auth/session", { headers: forged });
  const unknown = await request.get("/api/no-such-endpoint", { headers: forged });
  const page = await request.get("/login", { headers: forged });
  for (const res of [api, auth, unknown]) {
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    expect(res.headers()["cache-control"]).toMatch(/\bno-store\b/);
    expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  // The fixed headers and the request id come from scripts/serve.mjs, HSTS over https from
  // route(): each once (Set-Cookie alone may repeat: Auth.js sets several cookies).
  for (const res of [api, auth, unknown]) {
    const names = res.headersArray().map((h) => h.name.toLowerCase()).filter((n) => n !== "set-cookie");
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  }
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: "not_found", request_id: unknown.headers()["x-request-id"] });
  for (const res of [api, auth, unknown, page]) {
    expect(res.headers()["x-request-id"]).toMatch(ourId);
    expect(res.headers()["x-request-id"]).not.toBe(forged["x-latchkey-request-id"]);
  }
  expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(page.headers()["x-content-type-options"]).toBe("nosniff");
  // Next's own 405 (GET on a POST-only route) passes neither the proxy nor route(): scripts/serve.mjs.
  const notAllowed = await request.get("/api/auth/login");
  expect(notAllowed.status()).toBe(405);
  expect(notAllowed.headers()["x-content-type-options"]).toBe("nosniff");
  expect(notAllowed.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(notAllowed.headers()["cache-control"]).toMatch(/\bno-store\b/);
});

test("pages are compressed for a client that accepts it; JSON answers never are", async ({ request }) => {
  const headers = { "accept-encoding": "gzip" };
  const page = await request.get("/login", { headers });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"]).toBe("gzip");
  expect(await page.text()).toContain("</html>");
  // The OpenAPI document is well above the 1 kB the middleware would compress from.
  const document = await request.get("/api/openapi.json", { headers });
  expect(document.status()).toBe(200);
  expect(document.headers()["content-encoding"]).toBeUndefined();
  expect((await document.body()).length).toBeGreaterThan(1024);
  expect((await document.json()).openapi).toMatch(/^3\./);
});
