import { afterEach, describe, expect, it, vi } from "vitest";
import { readProfile } from "./providers";

describe("readProfile", () => {
  it("reads OpenID Connect claims: subject, lower-cased email, verified only when the claim is true", () => {
    expect(readProfile("oidc", { sub: "abc", email: " Ada@Example.COM ", email_verified: true, name: "Ada" })).toEqual({ id: "abc", email: "ada@example.com", name: "Ada", emailVerified: true });
    expect(readProfile("oidc", { sub: "abc", email: "a@b.c", preferred_username: "ada" })).toMatchObject({ name: "ada", emailVerified: false });
    expect(readProfile("google", { sub: "1", email: "a@b.c", email_verified: "true" }).emailVerified).toBe(true);
    expect(readProfile("google", { sub: "1", email: "a@b.c", email_verified: "yes" }).emailVerified).toBe(false);
  });

  it("reads GitHub's numeric id and login, and no email when GitHub gave none", () => {
    expect(readProfile("github", { id: 42, login: "octo", name: null, email: null, email_verified: false })).toEqual({ id: "42", email: null, name: "octo", emailVerified: false });
  });
});

describe("provider settings", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses half a provider configuration, naming what is missing", async () => {
    vi.stubEnv("GITHUB_CLIENT_ID", "id-only");
    vi.resetModules();
    await expect(import("@/lib/env")).rejects.toThrow("GITHUB_CLIENT_SECRET: required with the other GITHUB_ settings");
  });

  it("shows only the configured providers, in a fixed order, with the OIDC button's name", async () => {
    vi.stubEnv("GOOGLE_CLIENT_ID", "g");
    vi.stubEnv("GOOGLE_CLIENT_SECRET", "g-secret");
    vi.stubEnv("OIDC_ISSUER", "https://idp.example.com/realms/acme");
    vi.stubEnv("OIDC_CLIENT_ID", "latchkey");
    vi.stubEnv("OIDC_CLIENT_SECRET", "s");
    vi.stubEnv("OIDC_NAME", "Acme SSO");
    vi.stubEnv("GITHUB_CLIENT_ID", "");
    vi.stubEnv("GITHUB_CLIENT_SECRET", "");
    vi.resetModules();
    const { configuredProviders, authProviders } = await import("./providers");
    expect(configuredProviders()).toEqual([
      { id: "oidc", name: "Acme SSO" },
      { id: "google", name: "Google" },
    ]);
    for (const p of authProviders()) expect(p.checks).toEqual(expect.arrayContaining(["pkce", "state", "nonce"]));
  });
});
