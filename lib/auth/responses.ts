import "server-only";
import type { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIE, sessionCookieOptions } from "./cookies";
import type { SafeUser } from "./sessions";
import type { SignedIn } from "./sign-in";

export function userJson(user: SafeUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function signedInJson(s: SignedIn) {
  return { token: s.token, expires_at: s.expires.toISOString(), user: userJson(s.user) };
}

/** The browser keeps the cookie for the absolute lifetime; the server enforces the idle timeout. */
export function setSessionCookie(res: NextResponse, token: string) {
  res.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(new Date(Date.now() + env.SESSION_ABSOLUTE_TIMEOUT_S * 1000)));
}

export function clearSessionCookie(res: NextResponse) {
  res.cookies.set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
}
