import "server-only";
import { useSecureCookies } from "@/lib/env";

// The cookie Auth.js reads for database sessions; the same name and flags whether the
// session came from our login route, our server action, or Auth.js itself.
export const SESSION_COOKIE = useSecureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";

export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: useSecureCookies, path: "/", expires };
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
