import type { Page } from "@playwright/test";

/** /dashboard: the signed-in home with recent activity and the user's sessions. */
export function dashboardPage(page: Page) {
  const sessions = page.locator("section").filter({ has: page.getByRole("heading", { name: "Active sessions" }) });
  return {
    heading: page.getByRole("heading", { level: 1 }),
    welcome: (name: string) => page.getByRole("heading", { level: 1, name: `Welcome, ${name}` }),
    recentActivity: page.locator("section").filter({ has: page.getByRole("heading", { name: "Recent activity" }) }),
    sessions,
    thisDevice: sessions.getByText("This device"),
    revokeButtons: sessions.getByRole("button", { name: "Revoke" }),
    signOut: page.getByRole("button", { name: "Sign out" }),
    goto: () => page.goto("/dashboard"),
  };
}
