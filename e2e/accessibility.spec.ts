import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// Every page, in its ordinary and its error states, checked with axe-core against WCAG 2.1
// A and AA (labels, names, roles, contrast, landmarks, ARIA use), at desktop and phone
// widths. A violation lists the rule, the help text and the offending elements.

// Each test runs axe several times at two widths: more work than a journey's 30 s budget on a
// busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

/** Every subresource a page asks for that answers 404 (the 404 page itself is a navigation). */
function watchMissingFiles(page: Page): string[] {
  const missing: string[] = [];
  page.on("response", (res) => {
    if (res.status() === 404 && !res.request().isNavigationRequest()) missing.push(res.url());
  });
  return missing;
}

async function expectAccessible(page: Page, label: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
    expect(found, `${label} at ${size.name} width`).toEqual([]);
  }
}

test("signed-out pages and their error states", async ({ page, user }) => {
  const missing = watchMissingFiles(page);
  await page.goto("/login");
  await expectAccessible(page, "/login");
  await signIn(page, user.email, "Not-The-Password-1!");
  await expect(page.getByTestId("form-alert")).toBeVisible();
  await expectAccessible(page, "/login after a wrong password");

  await page.goto("/register");
  await expectAccessible(page, "/register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/email/i).first()).toBeVisible();
  await expectAccessible(page, "/register with empty fields submitted");

  await page.goto("/forgot-password");
  await expectAccessible(page, "/forgot-password");
  await page.goto("/reset-password?token=not-a-real-token");
  await expectAccessible(page, "/reset-password with a bad token");
  await page.goto("/verify-email?token=not-a-real-token");
  await expectAccessible(page, "/verify-email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("form-alert")).toBeVisible();
  await expectAccessible(page, "/verify-email with a bad token");
  expect(missing).toEqual([]);
});

test("every icon a page links to is served from public/, and /favicon.ico too", async ({ page }) => {
  await page.goto("/login");
  const icons = await page.locator("link[rel~='icon'], link[rel='apple-touch-icon']").evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const url of [...icons, new URL("/favicon.ico", page.url()).href, new URL("/robots.txt", page.url()).href]) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
  }
});

test("the signed-in pages", async ({ signedInPage: page }) => {
  const missing = watchMissingFiles(page);
  await page.reload();
  await expect(page.getByRole("region", { name: "Confirm your email address" })).toBeVisible();
  await expectAccessible(page, "/dashboard with the verification banner");
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.getByTestId("verify-banner").getByTestId("form-status")).toContainText("A new link is on its way");
  await expectAccessible(page, "/dashboard after Send again");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "/settings");
  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page, "/settings/security while enrolling");
  expect(missing).toEqual([]);
});

test("the support console", async ({ supportPage: page, user }) => {
  const missing = watchMissingFiles(page);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expectAccessible(page, "/admin");
  await page.getByLabel("Search").fill(user.email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("user-row").getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Why can't they sign in?" })).toBeVisible();
  await expectAccessible(page, "/admin/users/[id]");
  await page.goto("/admin/audit");
  await expectAccessible(page, "/admin/audit");
  expect(missing).toEqual([]);
});

test("the second step of a sign-in", async ({ page, api }) => {
  const account = await api.enrollTotp(await api.register());
  await signIn(page, account.user.email, account.user.password);
  await expect(page.getByLabel("Authenticator code")).toBeVisible();
  await expectAccessible(page, "/login/verify");
});

test("the admin mail page", async ({ adminPage: page }) => {
  await page.goto("/admin/mail");
  await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
  await expectAccessible(page, "/admin/mail");
});

test("the 403 and 404 pages", async ({ signedInPage: page }) => {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "403 at /admin");
  await page.goto("/no-such-page");
  await expectAccessible(page, "404");
});

test("the API reference at /docs/api, usable by keyboard and under the CSP", async ({ page }) => {
  // A long page: axe takes a while on it at two widths.
  test.setTimeout(120_000);
  const missing = watchMissingFiles(page);
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const res = await page.goto("/docs/api");
  expect(res?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByRole("heading", { level: 1, name: "Latchkey JSON API" })).toBeVisible();
  await expectAccessible(page, "/docs/api");
  // Every operation is reachable from the endpoint list by keyboard: Tab to a link, Enter, and the operation is in view.
  const link = page.getByRole("navigation", { name: "Endpoints" }).getByRole("link", { name: /^post \/api\/auth\/login$/i });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#postAuthLogin$/);
  await expect(page.getByRole("heading", { level: 3, name: /^post \/api\/auth\/login$/i })).toBeInViewport();
  expect(violations).toEqual([]);
  expect(missing).toEqual([]);
});
