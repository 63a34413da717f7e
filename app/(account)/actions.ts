"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit/audit";
import { auth } from "@/lib/auth/auth";
import { clearSessionCookie, readSessionCookie } from "@/lib/auth/browser-cookie";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { ensureDatabase } from "@/lib/db/client";
import { contextFromHeaders } from "@/lib/http/request-context";

/** Ends this browser's session: the row is deleted, so the token is dead everywhere. */
export async function signOutAction(): Promise<never> {
  await ensureDatabase();
  const session = await auth();
  const token = await readSessionCookie();
  if (token) await deleteSessionByToken(token);
  if (session?.user) {
    const ctx = contextFromHeaders(await headers());
    await recordAudit({
      type: "logout",
      outcome: "success",
      ctx,
      actorId: session.user.id,
      targetUserId: session.user.id,
      metadata: { sessionId: session.sessionId },
    });
  }
  await clearSessionCookie();
  redirect("/login");
}
