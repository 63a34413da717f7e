import { newUserData } from "./api";
import { expect, signIn, test } from "./fixtures";
import { setUpAuthenticatorApp } from "./pages/security-page";
import { dashboardPage } from "./pages/dashboard-page";

test("a locked-out user asks support: support finds them, reads why, unlocks, and they sign in", async ({ page, user, supportPage }) => {
  for (let i = 0; i < 5; i++) await signIn(page, user.email, `wrong-${i}-Password!`);
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("form-alert")).toContainText("Too many failed sign-ins");

  await supportPage.goto("/admin");
  await expect(supportPage.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await supportPage.getByLabel("Search").fill(user.email.toUpperCase());
  await supportPage.getByRole("button", { name: "Search" }).click();
  const row = supportPage.getByTestId("user-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("user-status")).toHaveText(/locked/i);
  await row.getByRole("link").first().click();

  const panel = supportPage.getByRole("region", { name: "Why can't they sign in?" });
  await expect(panel.getByTestId("blocker").first()).toHaveAttribute("data-kind", "locked");
  await expect(panel).toContainText(/Locked until \d\d:\d\d UTC after 5 failed sign-ins from 1 IP/);
  await panel.getByRole("button", { name: "Unlock" }).click();
  await expect(supportPage.getByTestId("action-feedback")).toContainText(/unlock/i);
  await expect(panel.getByTestId("blocker").first()).toHaveAttribute("data-kind", "none");

  await signIn(page, user.email, user.password);
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();

  // The unlock is in the audit log with the support member as actor.
  await supportPage.goto(`/admin/audit?type=unlock`);
  await expect(supportPage.getByTestId("audit-row").first()).toHaveAttribute("data-type", "unlock");
});

test("an admin promotes a user to support, who must set up a second factor before the console works", async ({ adminPage, api, browser, baseURL }) => {
  const account = await api.register(newUserData("promoted"));
  await adminPage.goto(`/admin?query=${encodeURIComponent(account.user.email)}`);
  await adminPage.getByTestId("user-row").getByRole("link").first().click();
  const adminActions = adminPage.getByRole("region", { name: "Administrator actions" });
  await adminActions.getByLabel("Role").selectOption("support");
  await adminActions.getByRole("button", { name: "Change role" }).click();
  await expect(adminPage.getByTestId("action-feedback")).toBeVisible();
  await expect(adminPage.getByTestId("user-role").first()).toHaveText(/support/i);

  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, account.user.email, account.user.password);
  // Signed in, but sent to set up a factor: the console waits for one.
  await expect(page).toHaveURL(/\/settings\/security\?required=1/);
  await expect(page.getByTestId("mfa-required-notice")).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "The console needs your second factor" })).toBeVisible();

  await page.getByRole("link", { name: "Go to Settings → Security" }).click();
  await setUpAuthenticatorApp(page);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await context.close();
});

test("a plain user gets the 403 page at /admin", async ({ signedInPage: page }) => {
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("a failed sign-in's reference leads support to that request", async ({ page, user, supportPage }) => {
  await signIn(page, user.email, "Definitely-Wrong-1!");
  const reference = (await page.getByTestId("error-reference").textContent())!.trim();
  await supportPage.goto("/admin");
  await supportPage.getByRole("textbox", { name: "Reference" }).fill(reference);
  await supportPage.getByRole("button", { name: "Look up" }).click();
  await expect(supportPage.getByRole("heading", { level: 1, name: `Request ${reference}` })).toBeVisible();
  await expect(supportPage.getByTestId("request-event")).toHaveCount(1);
  await expect(supportPage.getByTestId("request-event")).toContainText(/wrong password/i);
});
