import { newUserData } from "./api";
import { expect, test } from "./fixtures";
import { dashboardPage } from "./pages/dashboard-page";
import { loginPage } from "./pages/login-page";
import { registerPage } from "./pages/register-page";

// The forms are plain <form>s posting to server actions: without JavaScript they still work,
// and the server's field errors appear on their fields (announced through aria-describedby),
// not only in the form's alert.

test.use({ javaScriptEnabled: false });

test("registers, sees the server's field error on the field, signs out and back in, all without JavaScript", async ({ page }) => {
  const user = newUserData("nojs");
  const register = registerPage(page);
  await register.goto();
  await register.fill({ ...user, password: "password" });
  await register.submit.click();

  await expect(register.heading).toBeVisible();
  await expect(register.password).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await register.password.getAttribute("aria-describedby"))!.split(" ");
  const error = page.locator(`[id="${describedBy[0]}"]`);
  await expect(error).toHaveText("Add an upper-case letter");
  // What was typed, except the password, is still there.
  await expect(register.email).toHaveValue(user.email);

  await register.fill(user);
  await register.submit.click();
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  const login = loginPage(page);
  await expect(login.heading).toBeVisible();
  await login.signIn(user.email, user.password);
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});

test("resets a forgotten password from the mailed link without JavaScript", async ({ page, api, user }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("form-status")).toContainText("If an account exists for that email");
  await page.goto((await api.mailedLink(user.email, "password_reset", "/reset-password")).path);
  await page.getByLabel("New password").fill("Fresh-Start-Key-92!");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(dashboardPage(page).welcome(user.name)).toBeVisible();
});
