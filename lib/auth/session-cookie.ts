import "server-only";
import { env, useSecureCookies } from "@/lib/env";

// The session cookie: one name and one set of flags whichever way the user signed in (our
// login route, a server action, Auth.js), so Auth.js' auth() reads it too. Route handlers
// pass their response's cookies (`res.cookies`), server actions `await cookies()`.
export const SESSION_COOKIE = useSecureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";

function cookieOptions(expires: Date, sameSite: "lax" | "strict" = "lax") {
  return { httpOnly: true, sameSite, secure: useSecureCookies, path: "/", expires };
}

interface CookieJar {
  set(name: string, value: string, options: ReturnType<typeof cookieOptions> & { maxAge?: number }): unknown;
  get?(name: string): { value: string } | undefined;
}

/** The browser keeps the cookie for the absolute lifetime; the server enforces the idle timeout. */
export function setSessionCookie(jar: CookieJar, token: string): void {
  jar.set(SESSION_COOKIE, token, cookieOptions(new Date(Date.now() + env.SESSION_ABSOLUTE_TIMEOUT_S * 1000)));
}

export function clearSessionCookie(jar: CookieJar): void {
  jar.set(SESSION_COOKIE, "", { ...cookieOptions(new Date(0)), maxAge: 0 });
}

/** The session token from a `Cookie` header; null when absent or not decodable. */
export function readSessionCookie(cookieHeader: string | null): string | null {
  return readCookie(cookieHeader, SESSION_COOKIE);
}

// Between a right password and the second factor, the browser holds the mfa_token in its own
// short-lived httpOnly cookie (never in the page or the URL).
export const MFA_COOKIE = useSecureCookies ? "__Secure-latchkey.mfa-token" : "latchkey.mfa-token";

/**
 * Strict, except after a provider's sign-in: that request arrives from the provider's site,
 * and a strict cookie set there would not reach the /login/verify page it redirects to.
 */
export function setMfaCookie(jar: CookieJar, token: string, expires: Date, sameSite: "strict" | "lax" = "strict"): void {
  jar.set(MFA_COOKIE, token, cookieOptions(expires, sameSite));
}

export function clearMfaCookie(jar: CookieJar): void {
  jar.set(MFA_COOKIE, "", { ...cookieOptions(new Date(0)), maxAge: 0 });
}

// Between "Connect <provider>" in Settings and the provider's callback: the token of the
// connection the signed-in user asked for (lax: the callback comes from the provider's site).
export const FEDERATION_INTENT_COOKIE = useSecureCookies ? "__Secure-latchkey.federation-intent" : "latchkey.federation-intent";

export function setFederationIntentCookie(jar: CookieJar, token: string, expires: Date): void {
  jar.set(FEDERATION_INTENT_COOKIE, token, cookieOptions(expires, "lax"));
}

export function clearFederationIntentCookie(jar: CookieJar): void {
  jar.set(FEDERATION_INTENT_COOKIE, "", { ...cookieOptions(new Date(0)), maxAge: 0 });
}

function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The mfa_token of a request: the body's, else (for the browser's second step) its cookie. */
export function mfaTokenFrom(req: Request, body: { mfa_token?: string; second_factor?: true }): string | undefined {
  if (body.mfa_token) return body.mfa_token;
  return body.second_factor ? (readCookie(req.headers.get("cookie"), MFA_COOKIE) ?? "") : undefined;
}
