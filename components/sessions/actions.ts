"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { requireUser } from "@/lib/auth/guards";
import { revokeSession } from "@/lib/auth/sessions";
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
