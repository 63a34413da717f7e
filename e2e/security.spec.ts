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

test("JSON answers carry the request id and security headers without the proxy; pages keep their nonce", async ({ request }) => {
  const api = await request.get("/api/ping", { headers: { "x-request-id": "e2e-request-id-1" } });
  const auth = await request.get("/api/auth/session");
  for (const res of [api, auth]) {
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers()["cache-control"]).toMatch(/\bno-store\b/);
    expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers()["x-request-id"]).toBeTruthy();
  }
  expect(api.headers()["x-request-id"]).toBe("e2e-request-id-1");
  const page = await request.get("/login", { headers: { "x-request-id": "e2e-request-id-2" } });
  expect(page.headers()["x-request-id"]).toBe("e2e-request-id-2");
  expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
});
