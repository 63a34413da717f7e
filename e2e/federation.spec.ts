import { randomUUID } from "node:crypto";
import path from "node:path";
import os from "node:os";
import { rmSync } from "node:fs";
import type { Page } from "@playwright/test";
import { newUserData } from "./api";
import { expect, nextTotpCode, test, withPageSignedInAs } from "./fixtures";
import { dashboardPage } from "./pages/dashboard-page";
import { loginPage } from "./pages/login-page";
import { OIDC_ISSUER, SPARE_APP_PORT } from "../playwright.config";
import { startServer } from "./support/servers";

// Federated sign-in against a real OpenID Connect provider (panva's oidc-provider, started by
// playwright.config.ts from e2e/support/oidc-provider.mjs) through Auth.js: its own login and
// consent pages, real redirects, state, PKCE and nonce. Whatever is typed as the login there
// is the person's subject and email.

const IDP = "Test IdP";
const idpLogin = (prefix = "idp") => `${prefix}-${randomUUID().slice(0, 8)}@corp.example`;

/** On the provider's pages: signs in as `login` and consents. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * /login → "Continue with Test IdP". The provider asks who it is the first time; afterwards
 * its own session in this browser answers at once (single sign-on), as real providers do.
 */
async function continueWithProvider(page: Page, login: string, opts: { providerSession?: boolean } = {}) {
  await loginPage(page).goto();
  await page.getByRole("button", { name: `Continue with ${IDP}` }).click();
  if (!opts.providerSession) await signInAtProvider(page, login);
}

test("a new user signs in with the provider, lands on the dashboard, and signs in again into the same account", async ({ page }) => {
  const login = idpLogin("new");
  await continueWithProvider(page, login);
  const name = `Test ${login.split("@")[0]}`;
  await expect(dashboardPage(page).welcome(name)).toBeVisible();
  await expect(dashboardPage(page).recentActivity).toContainText("Signed in");
  const me = await (await page.request.get("/api/auth/me")).json();
  expect(me.email).toBe(login);
  const accounts = await (await page.request.get("/api/auth/accounts")).json();
  expect(accounts).toEqual([{ provider: "oidc", connected_at: expect.any(String) }]);

  await dashboardPage(page).signOut.click();
  await expect(loginPage(page).heading).toBeVisible();
  await continueWithProvider(page, login, { providerSession: true });
  await expect(dashboardPage(page).welcome(name)).toBeVisible();
  expect((await (await page.request.get("/api/auth/me")).json()).id).toBe(me.id);
});

test("an email that already has an account is not linked: the page says to sign in and connect in Settings", async ({ page, api }) => {
  const existing = await api.register(newUserData("taken"));
  await continueWithProvider(page, existing.user.email);
  await expect(page).toHaveURL(/\/login\?error=account_exists/);
  await expect(page.getByTestId("form-alert")).toContainText("An account with this email already exists");
  await expect(page.getByTestId("form-alert")).toContainText("connect Test IdP in Settings");
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

test("connects the provider from Settings, then signs in with it", async ({ browser, baseURL, api }) => {
  const account = await api.register(newUserData("connect"));
  const login = idpLogin("work");
  await withPageSignedInAs(browser, baseURL!, account, async (page) => {
    await page.goto("/settings/security");
    const row = page.getByTestId("provider-oidc");
    await expect(row).toContainText("Not connected");
    await row.getByRole("button", { name: `Connect ${IDP}` }).click();
    await signInAtProvider(page, login);
    await expect(page).toHaveURL(/\/settings\/security\?connected=oidc/);
    await expect(page.getByText("Test IdP connected. You can sign in with it now.")).toBeVisible();
    await expect(page.getByTestId("provider-oidc")).toContainText("Connected on");

    await dashboardPage(page).goto();
    await dashboardPage(page).signOut.click();
    await continueWithProvider(page, login, { providerSession: true });
    await expect(dashboardPage(page).welcome(account.user.name)).toBeVisible();
  });
});

test("disconnecting the only way to sign in is refused, on the page and in the API", async ({ page }) => {
  await continueWithProvider(page, idpLogin("only"));
  await expect(dashboardPage(page).heading).toBeVisible();
  await page.goto("/settings/security");
  await page.getByTestId("provider-oidc").getByRole("button", { name: `Disconnect ${IDP}` }).click();
  await expect(page.getByTestId("form-alert")).toContainText("This is your only way to sign in");
  const res = await page.request.delete("/api/auth/accounts/oidc", { headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(409);
  expect((await res.json()).error).toBe("last_sign_in_method");
  await expect(page.getByTestId("provider-oidc")).toContainText("Connected on");
});

test("cancelling at the provider comes back to /login with a clear message and a reference", async ({ page }) => {
  await loginPage(page).goto();
  await page.getByRole("button", { name: `Continue with ${IDP}` }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByTestId("form-alert")).toContainText("Sign-in was cancelled or didn't complete");
  await expect(page.getByTestId("error-reference")).toHaveText(/^[0-9a-f-]{8,}$/i);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

test("a user with an authenticator app is asked for the code after the provider", async ({ browser, baseURL, api, page }) => {
  const account = await api.enrollTotp(await api.register(newUserData("idp-totp")));
  const login = idpLogin("totp");
  await withPageSignedInAs(browser, baseURL!, account, async (settings) => {
    await settings.goto("/settings/security");
    await settings.getByTestId("provider-oidc").getByRole("button", { name: `Connect ${IDP}` }).click();
    await signInAtProvider(settings, login);
    await expect(settings.getByTestId("provider-oidc")).toContainText("Connected on");
  });

  await continueWithProvider(page, login);
  await expect(page).toHaveURL(/\/login\/verify/);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  await page.getByLabel("Authenticator code").fill(await nextTotpCode(account.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(dashboardPage(page).welcome(account.user.name)).toBeVisible();
});

test("a provider that cannot be reached stops only itself: a clear message with a reference, and the log says what failed", async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = path.join(os.tmpdir(), `latchkey-e2e-badidp-${process.pid}-${Date.now()}`);
  const server = await startServer({
    DATABASE_URL: "",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    OIDC_ISSUER: "http://127.0.0.1:9/unreachable",
    OIDC_CLIENT_ID: "latchkey",
    OIDC_CLIENT_SECRET: "secret",
    OIDC_NAME: "Broken IdP",
  });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Broken IdP" }).click();
    await expect(page).toHaveURL(/\/login\?error=provider_unavailable/);
    await expect(page.getByTestId("form-alert")).toContainText("Sign-in with Broken IdP isn't available right now");
    const reference = (await page.getByTestId("error-reference").textContent())!.trim();
    // The password form still works beside it.
    await expect(loginPage(page).submit).toBeEnabled();
    await expect.poll(() => server.output()).toContain(reference);
    const line = server.output().split("\n").find((l) => l.includes(reference) && l.includes("could not start"));
    expect(line, server.output()).toBeTruthy();
    expect(line).toContain("oidc");
    await context.close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a user without a password confirms it's them with the provider before changing how they sign in", async ({ page, api }) => {
  const login = idpLogin("reauth");
  await continueWithProvider(page, login);
  await expect(dashboardPage(page).heading).toBeVisible();
  await api.post("/api/test/age-sessions", { email: login });
  await page.goto("/settings/security");
  const confirm = page.getByTestId("provider-reauth");
  await expect(confirm).toContainText("Confirm it's you");
  // Without it, the change is refused.
  const refused = await page.request.post("/api/auth/totp", { headers: { origin: new URL(page.url()).origin } });
  expect((await refused.json()).error).toBe("reauthentication_required");

  await confirm.getByRole("button", { name: `Confirm with ${IDP}` }).click();
  // The provider is asked to authenticate again (prompt=login), not to answer from its session.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(/\/settings\/security\?reauthenticated=oidc/);
  await expect(page.getByText("Confirmed with Test IdP.")).toBeVisible();
  await expect(page.getByTestId("provider-reauth")).toHaveCount(0);
  const allowed = await page.request.post("/api/auth/totp", { headers: { origin: new URL(page.url()).origin } });
  expect(allowed.status()).toBe(200);
});

test("a wrong client secret fails at the provider's token endpoint: a clear message with a reference, and the log says what failed", async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = path.join(os.tmpdir(), `latchkey-e2e-badsecret-${process.pid}-${Date.now()}`);
  const server = await startServer(
    {
      DATABASE_URL: "",
      PGLITE_DIR: path.join(dataDir, "pglite"),
      OIDC_ISSUER,
      OIDC_CLIENT_ID: "latchkey-e2e",
      OIDC_CLIENT_SECRET: "not-the-secret",
      OIDC_NAME: "Test IdP",
    },
    SPARE_APP_PORT,
  );
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: `Continue with ${IDP}` }).click();
    await signInAtProvider(page, idpLogin("badsecret"));
    // Auth.js reports a provider that refuses our credentials as a configuration error.
    await expect(page).toHaveURL(/\/login\?error=Configuration/);
    await expect(page.getByTestId("form-alert")).toContainText("This sign-in option isn't available right now");
    const reference = (await page.getByTestId("error-reference").textContent())!.trim();
    expect((await page.request.get("/api/auth/me")).status()).toBe(401);
    await expect.poll(() => server.output()).toContain(reference);
    const line = server.output().split("\n").find((l) => l.includes(reference) && l.includes("auth.js"));
    expect(line, server.output()).toMatch(/invalid_client|client authentication failed/i);
    await context.close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
