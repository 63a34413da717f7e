import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { testSmtpServer, type TestSmtpServer } from "../lib/testing/smtp-server";
import { appApi, newUserData, type Account, type AppApi } from "./api";
import { withPageSignedInAs } from "./fixtures";
import { startServer, type AppServer } from "./support/servers";

// The mail queue as an admin meets it: an instance whose SMTP server is down, /admin/mail
// showing what waits (never the link), Drop and Retry by keyboard, delivery once the SMTP
// server is back, and the reason on the user's "Why can't they sign in?" panel.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const smtpPort = Number(execFileSync(process.execPath, ["scripts/free-port.mjs"], { encoding: "utf8" }).trim());
const dataDir = path.join(os.tmpdir(), `latchkey-e2e-mail-${process.pid}-${Date.now()}`);
let server: AppServer;
let smtp: TestSmtpServer;
let context: APIRequestContext;
let api: AppApi;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = testSmtpServer(smtpPort);
  server = await startServer({
    DATABASE_URL: "",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_POLL_INTERVAL_MS: "200",
    E2E_TEST_HOOKS: "1",
    RATE_LIMIT_API_IP: "10000/60",
    RATE_LIMIT_FORGOT_IP: "1000/3600",
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

/** Staff with an authenticator app enrolled: their staff powers need a second factor. */
async function withRole(role: "admin" | "support"): Promise<Account> {
  const account = await api.register(newUserData(role));
  await api.setRole(account.user.email, role);
  return api.enrollTotp(account);
}

async function forgotPassword(email: string) {
  const res = await api.post("/api/auth/password/forgot", { email });
  expect(res.status()).toBe(202);
  // The first try runs after the response: wait until it has failed.
  // (Registration queued a verification mail too; this journey follows the reset mail.)
  await expect.poll(async () => (await api.outbox(email)).filter((m) => m.kind === "password_reset").length, { timeout: 10_000 }).toBe(1);
}

const mailRow = (page: Page, email: string) => page.getByTestId("mail-row").filter({ hasText: email }).filter({ hasText: "password reset" });
const isReset = (m: { raw: string }) => m.raw.includes("Reset your Latchkey password");

test("an admin sees mail the SMTP server refused, drops one, retries the other once the server is back", async ({ browser }) => {
  const admin = await withRole("admin");
  const [stuck, dropped] = [await api.register(newUserData("stuck")), await api.register(newUserData("dropped"))];
  await forgotPassword(stuck.user.email);
  await forgotPassword(dropped.user.email);

  await withPageSignedInAs(browser, server.url, admin, async (page) => {
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Mail" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
    const row = mailRow(page, stuck.user.email);
    await expect(row).toHaveAttribute("data-status", "queued");
    await expect(row).toContainText("password reset");
    await expect(row).toContainText(/ECONNREFUSED/);
    expect(await page.content()).not.toContain("reset-password?token");

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The user's page names the undelivered reset mail.
    await page.goto(`/admin?query=${encodeURIComponent(stuck.user.email)}`);
    await page.getByTestId("user-row").getByRole("link").first().click();
    const panel = page.getByRole("region", { name: "Why can't they sign in?" });
    await expect(panel.getByTestId("blocker").first()).toHaveAttribute("data-kind", "mail_undelivered");
    await expect(panel).toContainText(/password reset mail from .* is not delivered yet/);

    // Drop, by keyboard.
    await page.goto("/admin/mail");
    await mailRow(page, dropped.user.email).getByRole("button", { name: `Drop the mail to ${dropped.user.email}` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("action-feedback")).toContainText("Dropped");
    await expect(mailRow(page, dropped.user.email)).toHaveCount(0);

    // The SMTP server is back: Retry sends it now rather than at the next backoff.
    await smtp.start();
    await mailRow(page, stuck.user.email).getByRole("button", { name: `Retry the mail to ${stuck.user.email}` }).click();
    await expect(page.getByTestId("action-feedback")).toContainText("Queued again");
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(stuck.user.email) && isReset(m)).length, { timeout: 15_000 }).toBe(1);
    await page.reload();
    await expect(mailRow(page, stuck.user.email)).toHaveCount(0);
    expect(smtp.received.some((m) => m.to.includes(dropped.user.email) && isReset(m))).toBe(false);

    await page.goto("/admin/audit?type=mail_dropped");
    await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-type", "mail_dropped");
  });
});

test("support staff get no Mail link and a 403 at /admin/mail", async ({ browser }) => {
  const support = await withRole("support");
  await withPageSignedInAs(browser, server.url, support, async (page) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Mail" })).toHaveCount(0);
    const res = await page.goto("/admin/mail");
    expect(res?.status()).toBe(403);
  });
});
