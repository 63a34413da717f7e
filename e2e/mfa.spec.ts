import type { BrowserContext } from "@playwright/test";
import { newUserData } from "./api";
import { expect, nextTotpCode, signIn, test } from "./fixtures";
import { dashboardPage } from "./pages/dashboard-page";
import { addPasskey, setUpAuthenticatorApp } from "./pages/security-page";

// Second factors and passkeys in a real browser: the authenticator app's codes come from the
// secret the page shows (e2e/totp.ts), passkeys from Chromium's virtual WebAuthn
// authenticator (Playwright's context.credentials).

test("enrols an authenticator app in Settings, then signs in with password and code", async ({ signedInPage: page, user }) => {
  await page.goto("/settings/security");
  await expect(page.getByTestId("totp-status")).toHaveText("Off.");
  const { secret, recoveryCodes } = await setUpAuthenticatorApp(page);
  expect(new Set(recoveryCodes).size).toBe(10);
  await expect(page.getByRole("link", { name: "Download codes" })).toHaveAttribute("download", "latchkey-recovery-codes.txt");

  await dashboardPage(page).goto();
  await dashboardPage(page).signOut.click();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/verify/);
  await page.getByLabel("Authenticator code").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("form-alert")).toContainText("That code is not right");
  await page.getByLabel("Authenticator code").fill(await nextTotpCode(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});

test("signs in with a recovery code, which then no longer works; the user is mailed", async ({ page, api }) => {
  const account = await api.enrollTotp(await api.register(newUserData("recovery")));
  await signIn(page, account.user.email, account.user.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(account.recoveryCodes![0]);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(dashboardPage(page).welcome(account.user.name)).toBeVisible();
  await page.goto("/settings/security");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("9 of 10 left.");
  expect((await api.outbox(account.user.email)).map((m) => m.kind)).toContain("factor_recovery_code_used");

  await dashboardPage(page).goto();
  await dashboardPage(page).signOut.click();
  await signIn(page, account.user.email, account.user.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(account.recoveryCodes![0]);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("form-alert")).toContainText("That code is not right");
});

async function withAuthenticator(context: BrowserContext) {
  await context.credentials.install();
  return context.credentials;
}

test("registers a passkey in Settings and signs in with it alone, through /login's autofill", async ({ signedInPage: page, user, browser, baseURL }) => {
  const credentials = await withAuthenticator(page.context());
  await addPasskey(page, "Journey laptop");
  const [stored] = await credentials.get();
  expect(stored).toBeDefined();

  // A new browser with the same authenticator signs in with no password.
  const other = await browser.newContext({ baseURL });
  const otherCredentials = await withAuthenticator(other);
  await otherCredentials.create(stored.rpId, { id: stored.id, userHandle: stored.userHandle, privateKey: stored.privateKey, publicKey: stored.publicKey, signCount: stored.signCount });
  const fresh = await other.newPage();
  await fresh.goto("/login");
  // Conditional mediation: the page asks for a passkey as soon as it loads; the virtual
  // authenticator picks the one it holds (a person picks it from the email field's list).
  await expect(dashboardPage(fresh).welcome(user.name)).toBeVisible();
  const [used] = await otherCredentials.get();
  expect(used.signCount).toBeGreaterThan(stored.signCount);
  await other.close();
});

test("a passkey serves as the second factor after the password", async ({ signedInPage: page, user }) => {
  const credentials = await withAuthenticator(page.context());
  await addPasskey(page, "Second factor key");

  // The virtual authenticator would answer /login's passkey autofill by itself (a person
  // picks it from the list): take the passkey off the device while typing the password.
  const [stored] = await credentials.get();
  await credentials.delete(stored.id);
  await dashboardPage(page).goto();
  await dashboardPage(page).signOut.click();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/verify/);
  await credentials.create(stored.rpId, { id: stored.id, userHandle: stored.userHandle, privateKey: stored.privateKey, publicKey: stored.publicKey, signCount: stored.signCount });
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});

test("an admin resets a user's lost factors; the user signs in with the password again", async ({ adminPage, api, page }) => {
  const account = await api.enrollTotp(await api.register(newUserData("lost")));
  await adminPage.goto(`/admin?query=${encodeURIComponent(account.user.email)}`);
  await adminPage.getByTestId("user-row").getByRole("link").first().click();
  await expect(adminPage.getByTestId("user-factors")).toContainText(/On since/);
  const adminActions = adminPage.getByRole("region", { name: "Administrator actions" });
  await adminActions.getByLabel("I checked who they are; remove their second factors").check();
  await adminActions.getByRole("button", { name: "Reset second factors" }).click();
  await expect(adminPage.getByTestId("action-feedback")).toContainText("Second factors reset");
  await expect(adminPage.getByTestId("user-factors")).toContainText("Off");
  expect((await api.outbox(account.user.email)).map((m) => m.kind)).toContain("factor_reset");

  await signIn(page, account.user.email, account.user.password);
  await expect(dashboardPage(page).welcome(account.user.name)).toBeVisible();
});
