import type { Page } from "@playwright/test";
import type { TestUser } from "../api";

/** /register: the create-account form. */
export function registerPage(page: Page) {
  const form = {
    heading: page.getByRole("heading", { level: 1, name: "Create your account" }),
    name: page.getByLabel("Name", { exact: true }),
    email: page.getByLabel("Email", { exact: true }),
    password: page.getByLabel("Password", { exact: true }),
    passwordStrength: page.locator("#password-strength"),
    submit: page.getByRole("button", { name: "Create account", exact: true }),
  };

  return {
    ...form,
    goto: () => page.goto("/register"),
    async fill(user: TestUser) {
      await form.name.fill(user.name);
      await form.email.fill(user.email);
      await form.password.fill(user.password);
    },
  };
}
