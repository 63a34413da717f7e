import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { SESSION_COOKIE, sessionCookieOptions } from "./cookies";

// The session cookie from server actions (route handlers use lib/auth/responses.ts):
// same name and flags, so Auth.js reads it whichever way the user signed in.

/** The browser keeps the cookie for the absolute lifetime; the server enforces the idle timeout. */
export async function setSessionCookie(token: string): Promise<void> {
  const expires = new Date(Date.now() + env.SESSION_ABSOLUTE_TIMEOUT_S * 1000);
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expires));
}

export async function readSessionCookie(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value || null;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
}
