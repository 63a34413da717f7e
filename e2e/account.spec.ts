import { readFileSync } from "node:fs";
import { expect, signIn, test, withPageSignedInAs } from "./fixtures";
import { dashboardPage } from "./pages/dashboard-page";
import { loginPage } from "./pages/login-page";

const NEW_PASSWORD = "Fresh-Start-Key-91!";

test("forgot password: the mailed link resets it, old sessions are gone, the new password signs in", async ({ page, api, browser, baseURL, account, user }) => {
  // Another browser holds a session from before the reset.
  await withPageSignedInAs(browser, baseURL!, account, async (oldPage) => {
    await page.goto("/login");
    await loginPage(page).forgotPasswordLink.click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByTestId("form-status")).toContainText("If an account exists for that email");

    const mail = await api.mailedLink(user.email, "password_reset", "/reset-password");
    expect(mail.subject).toBe("Reset your Latchkey password");

    await page.goto(mail.path);
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(dashboardPage(page).welcome(user.name)).toBeVisible();

    // The session from before the reset is gone.
    await oldPage.goto("/dashboard");
    await expect(oldPage).toHaveURL(/\/login\?next=%2Fdashboard/);

    // The link works once.
    await page.goto(mail.path);
    await expect(page.getByTestId("reset-link-invalid")).toBeVisible();
    await expect(page.getByRole("link", { name: "Request a new link" })).toBeVisible();

    await oldPage.goto("/login");
    await signIn(oldPage, user.email, user.password);
    await expect(loginPage(oldPage).error).toBeVisible();
    await signIn(oldPage, user.email, NEW_PASSWORD);
    await expect(dashboardPage(oldPage).welcome(user.name)).toBeVisible();
    const notice = (await api.outbox(user.email)).find((m) => m.kind === "password_changed");
    expect(notice?.subject).toBe("Your Latchkey password was changed");
  });
});

test("changes the password from settings; other sessions are signed out", async ({ signedInPage: page, api, user, browser, baseURL }) => {
  const otherToken = await api.login(user.email, user.password);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill(user.password);
  await section.getByLabel("New password").fill(NEW_PASSWORD);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Your other sessions were signed out")).toBeVisible();

  const other = await browser.newContext({ baseURL });
  await other.addCookies([{ name: "authjs.session-token", value: otherToken, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
  const otherPage = await other.newPage();
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/login/);
  await signIn(otherPage, user.email, NEW_PASSWORD);
  await expect(dashboardPage(otherPage).welcome(user.name)).toBeVisible();
  await other.close();
});

test("downloads the data export as valid JSON", async ({ signedInPage: page, user }) => {
  await page.goto("/settings");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^latchkey-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(data.profile).toMatchObject({ email: user.email, name: user.name, has_password: true });
  expect(data.sessions.length).toBeGreaterThanOrEqual(1);
  expect(data.audit_events.map((e: { type: string }) => e.type)).toContain("register");
  expect(JSON.stringify(data)).not.toContain(user.password);
});

test("deletes the account; it cannot sign in again", async ({ signedInPage: page, user }) => {
  await page.goto("/settings");
  const danger = page.getByRole("region", { name: "Delete account" });
  await danger.getByLabel("Password", { exact: true }).fill(user.password);
  await danger.getByLabel("I understand this cannot be undone").check();
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?deleted=1/);
  await expect(page.getByText("Your account was deleted.")).toBeVisible();
  await signIn(page, user.email, user.password);
  await expect(loginPage(page).error).toBeVisible();
});
