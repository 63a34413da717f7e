"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/guards";
import { signOut } from "@/lib/auth/session-changes";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { contextFromHeaders } from "@/lib/http/request-context";

/** The Sign out button: the same audited sign-out as POST /api/auth/logout. */
export async function signOutAction(): Promise<never> {
  const session = await currentSession();
  if (session) await signOut(session, contextFromHeaders(await headers()));
  clearSessionCookie(await cookies());
  redirect("/login");
}
