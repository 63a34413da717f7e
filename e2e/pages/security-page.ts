import { expect, type Page } from "@playwright/test";
import { nextTotpCode } from "../totp";

/** Settings → Security: sets up the authenticator app the way a person does; the secret and the recovery codes shown. */
export async function setUpAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  if (!page.url().includes("/settings/security")) await page.goto("/settings/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill(await nextTotpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  return { secret, recoveryCodes: await codes.allInnerTexts() };
}

/** Settings → Security: adds a passkey from the context's authenticator under a name. */
export async function addPasskey(page: Page, name: string) {
  if (!page.url().includes("/settings/security")) await page.goto("/settings/security");
  await page.getByLabel("Name for a new passkey").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("passkey-row").filter({ hasText: name })).toBeVisible();
}
