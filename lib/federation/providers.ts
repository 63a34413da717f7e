import "server-only";
import type { OIDCConfig, OAuthConfig } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";

// The sign-in providers configured in the environment (SPEC 11). Their ids are fixed, so the
// callback URL to register with a provider is APP_URL/api/auth/callback/<id>. Every one
// checks state and PKCE; the OpenID Connect ones (oidc, google) also a nonce.

export const PROVIDER_IDS = ["oidc", "github", "google"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderInfo {
  id: ProviderId;
  name: string;
}

/** What a provider says about the person, reduced to what Latchkey keeps. */
export interface ProviderProfile {
  id: string;
  email: string | null;
  name: string | null;
  emailVerified: boolean;
}

export type Profile = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

// Which profile fields carry the person's id and name, per provider (GitHub is OAuth 2.0,
// with its own field names; the others are OpenID Connect claims).
const FIELDS: Record<ProviderId, { id: string; name: string[] }> = {
  oidc: { id: "sub", name: ["name", "preferred_username"] },
  github: { id: "id", name: ["name", "login"] },
  google: { id: "sub", name: ["name"] },
};

/** The provider's profile (ID token claims or userinfo) reduced to what Latchkey keeps. */
export function readProfile(provider: ProviderId, p: Profile): ProviderProfile {
  const fields = FIELDS[provider];
  return {
    id: String(p[fields.id] ?? ""),
    email: text(p.email)?.toLowerCase() ?? null,
    name: fields.name.map((f) => text(p[f])).find(Boolean)?.slice(0, 100) ?? null,
    // Only an explicit true counts: a provider that says nothing has not verified it.
    emailVerified: p.email_verified === true || p.email_verified === "true",
  };
}

// Auth.js wants a user-shaped object from profile(); Latchkey reads the profile itself in
// the sign-in callback (lib/federation/callback.ts), so this only has to carry the id.
const toAuthUser = (provider: ProviderId) => (p: Profile) => {
  const { id, email, name } = readProfile(provider, p);
  return { id, email, name } as never;
};

function oidcProvider(): OIDCConfig<Profile> {
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.OIDC_SCOPES } },
    checks: ["pkce", "state", "nonce"],
    // The claims come from the userinfo endpoint (checked against the ID token's subject):
    // Keycloak, Entra ID and Okta leave email out of the ID token in some set-ups.
    idToken: false,
    profile: toAuthUser("oidc"),
  };
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

function githubProvider(): OAuthConfig<Profile> {
  const base = GitHub({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET });
  return {
    ...base,
    checks: ["pkce", "state"],
    // GitHub's profile email is whatever the user made public; its /user/emails says which
    // address is primary and whether GitHub verified it.
    userinfo: {
      url: "https://api.github.com/user",
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "latchkey", Accept: "application/vnd.github+json" };
        const [user, emails] = await Promise.all([
          fetch("https://api.github.com/user", { headers }).then((r) => r.json() as Promise<Profile>),
          fetch("https://api.github.com/user/emails", { headers }).then((r) => (r.ok ? (r.json() as Promise<GitHubEmail[]>) : [])),
        ]);
        const primary = emails.find((e) => e.primary);
        return { ...user, email: primary?.email ?? null, email_verified: primary?.verified === true };
      },
    },
    profile: toAuthUser("github"),
  } as OAuthConfig<Profile>;
}

function googleProvider(): OIDCConfig<Profile> {
  const base = Google({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET });
  return { ...base, checks: ["pkce", "state", "nonce"], profile: toAuthUser("google") } as OIDCConfig<Profile>;
}

/** Auth.js provider configurations for what is configured, in a fixed order. */
export function authProviders() {
  return [
    ...(env.OIDC_CLIENT_ID ? [oidcProvider()] : []),
    ...(env.GITHUB_CLIENT_ID ? [githubProvider()] : []),
    ...(env.GOOGLE_CLIENT_ID ? [googleProvider()] : []),
  ];
}

let configured: ProviderInfo[] | undefined;

/** The configured providers as the pages show them (the configuration is read once). */
export function configuredProviders(): ProviderInfo[] {
  configured ??= authProviders().map((p) => ({ id: p.id as ProviderId, name: p.name }));
  return configured;
}

export function providerName(id: string): string {
  return configuredProviders().find((p) => p.id === id)?.name ?? { oidc: env.OIDC_NAME, github: "GitHub", google: "Google" }[id] ?? id;
}

export const isProviderId = (v: string): v is ProviderId => (PROVIDER_IDS as readonly string[]).includes(v);
