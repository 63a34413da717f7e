import "server-only";
import { cookies, headers } from "next/headers";
import { safeNextPath } from "@/lib/auth/next-path";
import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import {
  FEDERATION_INTENT_COOKIE,
  SESSION_COOKIE,
  clearFederationIntentCookie,
  setMfaCookie,
  setSessionCookie,
} from "@/lib/auth/session-cookie";
import { resolveSession } from "@/lib/auth/sessions";
import { isSecondFactorRequired } from "@/lib/auth/sign-in";
import { env, useSecureCookies } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders, type RequestContext } from "@/lib/http/request-context";
import { requestScope } from "@/lib/http/request-scope";
import { claimChallenge, findChallenge } from "@/lib/mfa/challenges";
import { FederationError, connectProvider, reauthenticateWithProvider, signInWithProvider, type Identity } from "./federated-sign-in";
import { isProviderId, readProfile, type Profile } from "./providers";

// Auth.js' signIn callback, after it checked the provider's answer (state, PKCE, nonce). It
// always answers with a URL, so Auth.js itself never creates a user, an account or a
// session: the decision is ours (federated-sign-in.ts), and so are the cookies. Either the
// signed-in user asked to connect this provider or to confirm it's them with it (an intent
// from Settings), or someone signs in.

interface CallbackInput {
  account: { provider: string; providerAccountId: string } | null;
  profile?: Profile;
}

export async function handleProviderCallback({ account, profile }: CallbackInput): Promise<string> {
  const ctx = requestScope() ?? contextFromHeaders(await headers());
  const jar = await cookies();
  if (!account || !profile || !isProviderId(account.provider)) return `/login?error=signin_refused&ref=${ctx.requestId}`;
  const read = readProfile(account.provider, profile);
  const identity: Identity = { ...read, id: account.providerAccountId, provider: account.provider };

  const intent = jar.get(FEDERATION_INTENT_COOKIE)?.value;
  if (intent) {
    clearFederationIntentCookie(jar);
    return connect(intent, identity, jar.get(SESSION_COOKIE)?.value ?? "", ctx);
  }

  try {
    const result = await signInWithProvider(identity, ctx);
    const next = nextPath(jar.get(`${useSecureCookies ? "__Secure-" : ""}authjs.callback-url`)?.value);
    if (isSecondFactorRequired(result)) {
      setMfaCookie(jar, result.mfaToken, result.expires, "lax");
      return `/login/verify?next=${encodeURIComponent(next)}`;
    }
    setSessionCookie(jar, result.token);
    return roleNeedsSecondFactor(result.user.role) ? "/settings/security?required=1" : next;
  } catch (err) {
    if (err instanceof FederationError || err instanceof ApiError) {
      return `/login?${new URLSearchParams({ error: err.code, provider: identity.provider, ref: ctx.requestId })}`;
    }
    throw err;
  }
}

async function connect(intent: string, identity: Identity, sessionToken: string, ctx: RequestContext): Promise<string> {
  const back = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params)}`;
  const [link, reauth, session] = await Promise.all([
    findChallenge("federation_link", intent),
    findChallenge("federation_reauth", intent),
    sessionToken ? resolveSession(sessionToken) : null,
  ]);
  const challenge = link ?? reauth;
  // Where the user asked from (a path of this app), else Settings → Security.
  const from = reauth?.challenge ? safeNextPath(reauth.challenge) : "/settings/security";
  // The intent belongs to the session that asked: another browser's or an expired one is void.
  if (!challenge || !session || session.user.id !== challenge.userId || !(await claimChallenge(challenge.id))) {
    return back(from, { federation: "link_expired" });
  }
  try {
    if (reauth) {
      await reauthenticateWithProvider(session, identity, ctx);
      return back(from, { reauthenticated: identity.provider });
    }
    await connectProvider(session.user.id, identity, ctx);
    return `${back(from, { connected: identity.provider })}#connected-accounts`;
  } catch (err) {
    if (err instanceof FederationError || err instanceof ApiError) return back(from, { federation: err.code, provider: identity.provider });
    throw err;
  }
}

/** Auth.js keeps where to go after sign-in as an absolute URL of this app; only its path counts. */
function nextPath(callbackUrl: string | undefined): string {
  if (!callbackUrl) return safeNextPath(undefined);
  try {
    const url = new URL(callbackUrl, env.APP_URL);
    return safeNextPath(url.origin === new URL(env.APP_URL).origin ? url.pathname + url.search : undefined);
  } catch {
    return safeNextPath(undefined);
  }
}
