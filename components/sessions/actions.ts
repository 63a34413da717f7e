"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { requireUser } from "@/lib/auth/guards";
import { revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import type { ActionState } from "@/lib/forms/form-state";
import { contextFromHeaders } from "@/lib/http/request-context";

const sessionIdSchema = z.string().min(1).max(64);

/**
 * Signs one of the current user's other sessions out. The owner is always the signed-in
 * user (never an id from the form); this browser's own session ends with "Sign out".
 */
export async function revokeSessionAction(data: FormData): Promise<void> {
  const session = await requireUser();
  const parsed = sessionIdSchema.safeParse(data.get("sessionId"));
  if (!parsed.success || parsed.data === session.sessionId) return;

  if (await revokeSession(session.user.id, parsed.data)) {
    await recordAudit({
      type: "session_revoked",
      outcome: "success",
      ctx: contextFromHeaders(await headers()),
      actorId: session.user.id,
      targetUserId: session.user.id,
      metadata: { sessionId: parsed.data },
    });
  }
  // Pages that list sessions; a session already gone simply disappears from the list.
  revalidatePath("/dashboard");
  revalidatePath("/settings");
}

export type SignOutOthersState = ActionState<never>;

/** "Sign out everywhere else": every session of the signed-in user but this browser's. */
export async function revokeOtherSessionsAction(): Promise<SignOutOthersState> {
  const session = await requireUser();
  const ctx = contextFromHeaders(await headers());
  const count = await revokeAllSessions(session.user.id, session.sessionId);
  await recordAudit({
    type: "session_revoked",
    outcome: "success",
    ctx,
    actorId: session.user.id,
    targetUserId: session.user.id,
    metadata: { all_others: true, count },
  });
  revalidatePath("/dashboard");
  revalidatePath("/settings");
  const message =
    count === 0 ? "No other sessions were signed in." : `Signed out ${count} other session${count === 1 ? "" : "s"}. Only this browser is still signed in.`;
  return { ok: true, message, reference: ctx.requestId };
}
