import { newUserData } from "./api";
import { expect, signIn, test } from "./fixtures";
import { dashboardPage } from "./pages/dashboard-page";
import { loginPage } from "./pages/login-page";
import { registerPage } from "./pages/register-page";

test("registers, signs out, signs back in, and a wrong password shows the generic error with a reference", async ({ page }) => {
  const user = newUserData("journey");
  const register = registerPage(page);
  const dashboard = dashboardPage(page);
  const login = loginPage(page);

  await register.goto();
  await expect(register.heading).toBeVisible();
  await register.fill(user);
  await expect(register.passwordStrength).not.toBeEmpty();
  await register.submit.click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(dashboard.welcome(user.name)).toBeVisible();
  await expect(dashboard.recentActivity).toBeVisible();
  await expect(dashboard.thisDevice).toBeVisible();

  await dashboard.signOut.click();
  await expect(login.heading).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(dashboard.welcome(user.name)).toBeVisible();

  await dashboard.signOut.click();
  await expect(login.heading).toBeVisible();
  await signIn(page, user.email, `${user.password}-wrong`);
  await expect(login.error).toBeVisible();
  await expect(login.error).toContainText("Reference:");
  // The request id support staff look up (X-Request-Id format).
  await expect(login.errorReference).toHaveText(/^[A-Za-z0-9._:-]{8,128}$/);
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-out visit to /dashboard goes to sign-in and comes back after it", async ({ page, user }) => {
  await dashboardPage(page).goto();
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);

  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});

test("a session revoked from another browser is signed out at its next request", async ({ browser, baseURL, signedInPage, user }) => {
  await expect(dashboardPage(signedInPage).welcome(user.name)).toBeVisible();

  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  const otherDashboard = dashboardPage(otherPage);
  await expect(otherDashboard.thisDevice).toBeVisible();
  await expect(otherDashboard.revokeButtons).toHaveCount(1);
  await otherDashboard.revokeButtons.click();
  await expect(otherDashboard.revokeButtons).toHaveCount(0);
  await expect(otherDashboard.thisDevice).toBeVisible();
  await other.close();

  await dashboardPage(signedInPage).goto();
  await expect(signedInPage).toHaveURL(/\/login/);
  await expect(loginPage(signedInPage).heading).toBeVisible();
});

test("signs in with the keyboard alone", async ({ page, user }) => {
  const login = loginPage(page);
  await login.goto();
  await expect(login.heading).toBeVisible();

  // Tab from the top of the page to the Email field, whatever links come first (bounded).
  for (let presses = 0; presses < 15 && !(await login.email.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(login.email).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(login.password).toBeFocused();
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});
