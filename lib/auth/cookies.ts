import "server-only";
import { env, useSecureCookies } from "@/lib/env";

// The cookie Auth.js reads for database sessions; the same name and flags whether the
// session came from our login route, our server action, or Auth.js itself.
export const SESSION_COOKIE = useSecureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";

function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: useSecureCookies, path: "/", expires };
}

/** Response cookies of a route handler (`res.cookies`) or of a server action (`await cookies()`). */
interface CookieJar {
  set(name: string, value: string, options: ReturnType<typeof sessionCookieOptions> & { maxAge?: number }): unknown;
}

/** The browser keeps the cookie for the absolute lifetime; the server enforces the idle timeout. */
export function writeSessionCookie(jar: CookieJar, token: string): void {
  jar.set(SESSION_COOKIE, token, sessionCookieOptions(new Date(Date.now() + env.SESSION_ABSOLUTE_TIMEOUT_S * 1000)));
}

export function expireSessionCookie(jar: CookieJar): void {
  jar.set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
