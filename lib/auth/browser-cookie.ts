import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE, expireSessionCookie, writeSessionCookie } from "./cookies";

// The session cookie from server actions (route handlers use lib/auth/responses.ts):
// same name and flags, so Auth.js reads it whichever way the user signed in.

export async function setSessionCookie(token: string): Promise<void> {
  writeSessionCookie(await cookies(), token);
}

export async function readSessionCookie(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value || null;
}

export async function clearSessionCookie(): Promise<void> {
  expireSessionCookie(await cookies());
}
