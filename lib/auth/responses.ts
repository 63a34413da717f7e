import "server-only";
import type { NextResponse } from "next/server";
import { expireSessionCookie, writeSessionCookie } from "./cookies";
import type { SafeUser } from "./sessions";
import type { SignedIn } from "./sign-in";

export function userJson(user: SafeUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function signedInJson(s: SignedIn) {
  return { token: s.token, expires_at: s.expires.toISOString(), user: userJson(s.user) };
}

export function setSessionCookie(res: NextResponse, token: string) {
  writeSessionCookie(res.cookies, token);
}

export function clearSessionCookie(res: NextResponse) {
  expireSessionCookie(res.cookies);
}
