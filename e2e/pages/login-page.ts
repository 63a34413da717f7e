import type { Page } from "@playwright/test";

/** /login: the sign-in form. */
export function loginPage(page: Page) {
  const form = {
    heading: page.getByRole("heading", { level: 1, name: "Sign in" }),
    email: page.getByLabel("Email", { exact: true }),
    password: page.getByLabel("Password", { exact: true }),
    submit: page.getByRole("button", { name: "Sign in", exact: true }),
    createAccountLink: page.getByRole("link", { name: "Create an account" }),
    forgotPasswordLink: page.getByRole("link", { name: "Forgot password?" }),
    // Next adds a role="alert" of its own (route announcer): match the text too.
    error: page.getByRole("alert").filter({ hasText: "Email or password is incorrect" }),
    errorReference: page.getByTestId("error-reference"),
  };

  return {
    ...form,
    goto: (next?: string) => page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login"),
    async signIn(email: string, password: string) {
      await form.email.fill(email);
      await form.password.fill(password);
      await form.submit.click();
    },
  };
}
