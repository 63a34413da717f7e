import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { testSmtpServer, type TestSmtpServer } from "../lib/testing/smtp-server";
import { appApi, newUserData, type AppApi } from "./api";
import { signIn, test as appTest } from "./fixtures";
import { registerPage } from "./pages/register-page";
import { startServer, type AppServer } from "./support/servers";

// Email ownership as a person meets it, with mail read from a real SMTP server: register,
// the dashboard's banner, the link from the mail, verified; and an email change from
// Settings after a sign-in that is no longer recent (made an hour old by the test hook),
// confirmed with the password inline, the link at the new address, the notice at the old one.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const smtpPort = Number(execFileSync(process.execPath, ["scripts/free-port.mjs"], { encoding: "utf8" }).trim());
const dataDir = path.join(os.tmpdir(), `latchkey-e2e-email-${process.pid}-${Date.now()}`);
let server: AppServer;
let smtp: TestSmtpServer;
let context: APIRequestContext;
let api: AppApi;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = testSmtpServer(smtpPort);
  await smtp.start();
  server = await startServer({
    DATABASE_URL: "",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_POLL_INTERVAL_MS: "200",
    E2E_TEST_HOOKS: "1",
    RATE_LIMIT_API_IP: "10000/60",
    RATE_LIMIT_LOGIN_IP: "1000/60",
    RATE_LIMIT_REGISTER_IP: "1000/3600",
  });
  context = await playwrightRequest.newContext({ baseURL: server.url });
  api = appApi(context, server.url);
});

test.afterAll(async () => {
  await context?.dispose();
  await server?.stop();
  await smtp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The raw message as sent, quoted-printable soft breaks undone. */
const unfold = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

/** The newest mail the SMTP server got for `to` whose subject matches. */
async function latestMail(to: string, subject: RegExp): Promise<string> {
  let found = "";
  await expect(async () => {
    const mail = smtp.received.filter((m) => m.to.includes(to) && subject.test(unfold(m.raw))).at(-1);
    expect(mail, `a mail to ${to} matching ${subject}`).toBeDefined();
    found = unfold(mail!.raw);
  }).toPass({ timeout: 15_000 });
  return found;
}

async function linkIn(to: string, subject: RegExp): Promise<string> {
  const mail = await latestMail(to, subject);
  const url = new URL(mail.match(/http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=[A-Za-z0-9_-]+/)![0]);
  return url.pathname + url.search;
}

test("register, see the banner, open the link from the mail: verified, and the banner is gone", async ({ browser }) => {
  const person = newUserData("verify");
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  const form = registerPage(page);
  await form.goto();
  await form.fill(person);
  await form.submit.click();
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();

  const banner = page.getByRole("region", { name: "Confirm your email address" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(person.email);
  await banner.getByRole("button", { name: "Send again" }).click();
  await expect(banner.getByTestId("form-status")).toContainText("A new link is on its way");

  // The newest link (Send again replaced the first one).
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(person.email)).length, { timeout: 15_000 }).toBe(2);
  const link = await linkIn(person.email, /Subject: Confirm your email address/);
  // Opening the page changes nothing; the button does.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(banner).toBeVisible();
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`${person.email} is verified`);
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "invalid, expired or already used" })).toBeVisible();
  await ctx.close();
});

test("change the email in Settings, confirming it's you, then with the link sent to the new address", async ({ browser }) => {
  const person = newUserData("mover");
  await api.register(person);
  const next = `moved-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  // The sign-in stops being recent.
  expect((await api.post("/api/test/age-sessions", { email: person.email })).status()).toBe(200);

  await page.goto("/settings");
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Email address" }) });
  await expect(section.getByTestId("current-email")).toContainText(person.email);
  await section.getByLabel("New email address").fill(next);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "Confirm it's you" })).toBeVisible();
  await section.getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(section.getByTestId("form-status")).toContainText("A link is on its way to the new address");
  await page.reload();
  await expect(section.getByTestId("pending-email-change")).toContainText(next);
  await expect(section.getByTestId("current-email")).toContainText(person.email);

  const notice = await latestMail(person.email, /Subject: Your Latchkey email address is about to change/);
  expect(notice).not.toContain("verify-email");
  const link = await linkIn(next, /Subject: Confirm your new email address/);
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`Your email address is now ${next}`);

  await page.goto("/settings");
  await expect(section.getByTestId("current-email")).toContainText(next);
  await expect(section.getByTestId("current-email")).toContainText("(verified)");
  await expect(section.getByTestId("pending-email-change")).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page.getByText(`Signed in as ${next}`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Confirm your email address" })).toHaveCount(0);
  await expect(page.getByTestId("activity-list")).toContainText("Email changed");
  await ctx.close();
});

test("the link's button works without JavaScript", async ({ browser }) => {
  const person = newUserData("nojs");
  await api.register(person);
  const link = await linkIn(person.email, /Subject: Confirm your email address/);
  const ctx = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`${person.email} is verified`);
  await ctx.close();
});

test("with REQUIRE_VERIFIED_EMAIL, the sign-in form refuses a right password until the link is used, and says a new one was sent", async ({ browser }) => {
  const strict = await startServer({
    DATABASE_URL: "",
    PGLITE_DIR: path.join(dataDir, "pglite-strict"),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_POLL_INTERVAL_MS: "200",
    REQUIRE_VERIFIED_EMAIL: "true",
    RATE_LIMIT_LOGIN_IP: "1000/60",
  });
  try {
    const strictContext = await playwrightRequest.newContext({ baseURL: strict.url });
    const person = newUserData("strict");
    await appApi(strictContext, strict.url).register(person);
    await strictContext.dispose();
    const ctx = await browser.newContext({ baseURL: strict.url });
    const page = await ctx.newPage();

    await signIn(page, person.email, "Not-The-Password-1!");
    await expect(page.getByTestId("form-alert")).toContainText("Email or password is incorrect");
    await signIn(page, person.email, person.password);
    await expect(page.getByTestId("form-alert")).toContainText("Confirm your email address before signing in: we have just sent a new link");
    await expect(page).toHaveURL(/\/login/);

    await expect.poll(() => smtp.received.filter((m) => m.to.includes(person.email)).length, { timeout: 15_000 }).toBe(2);
    const link = await linkIn(person.email, /Subject: Confirm your email address/);
    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByTestId("form-status")).toContainText("is verified");
    await signIn(page, person.email, person.password);
    await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
    await ctx.close();
  } finally {
    await strict.stop();
  }
});

// On the suite's own server (playwright.config.ts), which has the test OpenID Connect provider.
appTest("a user without a password confirms it's them with their provider, then changes the email", async ({ page, api }) => {
  const login = `idp-mail-${crypto.randomUUID().slice(0, 8)}@corp.example`;
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
  await api.post("/api/test/age-sessions", { email: login });

  await page.goto("/settings");
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Email address" }) });
  const confirm = section.getByTestId("provider-reauth");
  await confirm.getByRole("button", { name: "Confirm with Test IdP" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(/\/settings\?reauthenticated=oidc/);
  await expect(section.getByTestId("provider-reauth")).toHaveCount(0);

  const next = `moved-idp-${crypto.randomUUID().slice(0, 8)}@example.test`;
  await section.getByLabel("New email address").fill(next);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(section.getByTestId("form-status")).toContainText("A link is on its way to the new address");
  await page.goto((await api.mailedLink(next, "email_change", "/verify-email")).path);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`Your email address is now ${next}`);
});
