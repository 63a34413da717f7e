import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { nextTotpCode } from "./totp";
import type { SignedInJson, UserJson } from "@/lib/openapi/schemas";
import type { LoginInput, RegisterInput } from "@/lib/validation/auth";

// The app's JSON API as journeys use it to set things up quickly. Writes carry the app's
// own Origin: the app refuses cookie-authenticated writes from anywhere else. Bodies and
// answers are typed with the zod schemas the routes parse and the OpenAPI document is built from.

export const SESSION_COOKIE = "authjs.session-token";

/** What POST /api/auth/register takes. */
export type TestUser = RegisterInput;

/** An account the API created, with the session token its response set as cookie. */
export interface Account {
  user: TestUser;
  sessionToken: string;
  /** With an authenticator app: its secret (codes via e2e/totp.ts) and the recovery codes. */
  totpSecret?: string;
  recoveryCodes?: string[];
  /** The user as the API answered (POST /api/auth/register's SignedIn body). */
  created: UserJson;
}

/** A new random identity: unique per call, and a password the default policy accepts. */
export function newUserData(prefix = "e2e"): TestUser {
  const id = randomUUID().slice(0, 8);
  return { email: `${prefix}-${id}@example.test`, name: `Journey ${id}`, password: `Latch-${id}-Key-7!` };
}

export function sessionCookieOf(res: APIResponse): string {
  const header = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${SESSION_COOKIE}=`));
  const token = header?.value.slice(SESSION_COOKIE.length + 1).split(";")[0];
  if (!token) throw new Error(`${res.url()} set no ${SESSION_COOKIE} cookie (status ${res.status()})`);
  return decodeURIComponent(token);
}

export function appApi(request: APIRequestContext, baseURL: string) {
  const origin = new URL(baseURL).origin;
  const post = (path: string, data?: unknown) => request.post(path, { data, headers: { origin } });
  const outbox = async (email: string): Promise<{ subject: string; text: string; kind: string }[]> => {
    const res = await request.get(`/api/test/outbox?to=${encodeURIComponent(email)}`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).messages;
  };

  return {
    post,

    async register(user: TestUser = newUserData()): Promise<Account> {
      const res = await post("/api/auth/register", user);
      expect(res.status(), await res.text()).toBe(201);
      const body = (await res.json()) as SignedInJson;
      return { user, sessionToken: sessionCookieOf(res), created: body.user };
    },

    /** Test mode only: gives an existing user a role (as the CLI does for the first admin). */
    async setRole(email: string, role: UserJson["role"]) {
      const res = await post("/api/test/role", { email, role });
      expect(res.status(), await res.text()).toBe(200);
    },

    /** Test mode only: the mail the app kept in its outbox for `email`, newest first. */
    outbox,

    /**
     * Test mode only: waits for the newest mail of `kind` to `email` and returns its subject and
     * the path and query of its link to `page` ("/reset-password?token=…").
     */
    async mailedLink(email: string, kind: string, page: "/reset-password" | "/verify-email"): Promise<{ subject: string; path: string }> {
      let found = { subject: "", path: "" };
      await expect(async () => {
        const mail = (await outbox(email)).find((m) => m.kind === kind);
        expect(mail, `a ${kind} mail to ${email}`).toBeDefined();
        const url = new URL(mail!.text.match(new RegExp(`https?://\\S+${page}\\?token=[A-Za-z0-9_-]+`))![0]);
        found = { subject: mail!.subject, path: url.pathname + url.search };
      }).toPass({ timeout: 10_000 });
      return found;
    },

    /** Signs in and returns the new session's token (with the second step when the account has an authenticator app). */
    async login(email: string, password: string, totpSecret?: string): Promise<string> {
      const credentials: LoginInput = { email, password };
      const res = await post("/api/auth/login", credentials);
      expect(res.status(), await res.text()).toBe(200);
      const body = await res.json();
      if (!body.mfa_required) return sessionCookieOf(res);
      if (!totpSecret) throw new Error(`${email} needs a second factor to sign in`);
      const second = await post("/api/auth/login/mfa", { mfa_token: body.mfa_token, code: await nextTotpCode(totpSecret) });
      expect(second.status(), await second.text()).toBe(200);
      return sessionCookieOf(second);
    },

    /**
     * Sets up an authenticator app on the account through the API (as Settings does), which
     * leaves its session at level 2: signed in with a second factor.
     */
    async enrollTotp(account: Account): Promise<Account> {
      const headers = { authorization: `Bearer ${account.sessionToken}` };
      const start = await request.post("/api/auth/totp", { headers });
      expect(start.status(), await start.text()).toBe(200);
      const { secret } = await start.json();
      const confirm = await request.post("/api/auth/totp/confirm", { headers, data: { code: await nextTotpCode(secret) } });
      expect(confirm.status(), await confirm.text()).toBe(200);
      return { ...account, totpSecret: secret, recoveryCodes: (await confirm.json()).recovery_codes };
    },
  };
}

export type AppApi = ReturnType<typeof appApi>;
