import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { SESSION_COOKIE, appApi, newUserData, type Account, type AppApi, type TestUser } from "./api";
import { dashboardPage } from "./pages/dashboard-page";
import { loginPage } from "./pages/login-page";

// Journey fixtures:
//   api           the JSON API on this test's request context
//   user          a fresh random user, registered through POST /api/auth/register
//   signedInPage  a page in its own browser context carrying that user's session cookie, on /dashboard
//   supportPage / adminPage  the same for a fresh support / admin account, with an authenticator
//                app enrolled (account.totpSecret; codes from e2e/totp.ts nextTotpCode)

interface Fixtures {
  api: AppApi;
  account: Account;
  user: TestUser;
  signedInPage: Page;
  supportAccount: Account;
  supportPage: Page;
  adminAccount: Account;
  adminPage: Page;
}

/**
 * A fresh staff account with an authenticator app enrolled (staff powers need a session with
 * a second factor, MFA_REQUIRED_ROLES), its session at level 2.
 */
async function accountWithRole(api: AppApi, role: "support" | "admin"): Promise<Account> {
  const account = await api.register(newUserData(role));
  await api.setRole(account.user.email, role);
  return api.enrollTotp(account);
}

/** Opens a browser context holding `account`'s session cookie and hands its page, on /dashboard, to the test. */
export async function withPageSignedInAs(browser: Browser, baseURL: string, account: Account, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([
    { name: SESSION_COOKIE, value: account.sessionToken, url: new URL(baseURL).origin, httpOnly: true, sameSite: "Lax" },
  ]);
  const page = await context.newPage();
  await dashboardPage(page).goto();
  await run(page);
  await context.close();
}

/** Signs in through the /login form the way a person does (the page must not be signed in). */
export async function signIn(page: Page, email: string, password: string) {
  const login = loginPage(page);
  if (!new URL(page.url(), "http://x").pathname.startsWith("/login")) await login.goto();
  await expect(login.heading).toBeVisible();
  await login.signIn(email, password);
}

// The second argument of a fixture is named `provide`, not Playwright's usual `use`, which
// the React hooks lint rule would take for React's use().
export const test = base.extend<Fixtures>({
  api: async ({ request, baseURL }, provide) => provide(appApi(request, baseURL!)),
  account: async ({ api }, provide) => provide(await api.register()),
  user: async ({ account }, provide) => provide(account.user),
  signedInPage: async ({ browser, baseURL, account }, provide) => withPageSignedInAs(browser, baseURL!, account, provide),
  supportAccount: async ({ api }, provide) => provide(await accountWithRole(api, "support")),
  supportPage: async ({ browser, baseURL, supportAccount }, provide) => withPageSignedInAs(browser, baseURL!, supportAccount, provide),
  adminAccount: async ({ api }, provide) => provide(await accountWithRole(api, "admin")),
  adminPage: async ({ browser, baseURL, adminAccount }, provide) => withPageSignedInAs(browser, baseURL!, adminAccount, provide),
});

export { expect };
export { nextTotpCode } from "./totp";
