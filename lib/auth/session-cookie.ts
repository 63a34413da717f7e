import "server-only";
import { env, useSecureCookies } from "@/lib/env";

// The session cookie: one name and one set of flags whichever way the user signed in (our
// login route, a server action, Auth.js), so Auth.js' auth() reads it too. Route handlers
// pass their response's cookies (`res.cookies`), server actions `await cookies()`.
export const SESSION_COOKIE = useSecureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";

function cookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: useSecureCookies, path: "/", expires };
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
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
