"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { revokeAllSessions, revokeSession } from "@/lib/auth/session-changes";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { contextFromHeaders } from "@/lib/http/request-context";

const sessionIdSchema = z.string().min(1).max(64);

function revalidateSessionPages() {
  revalidatePath("/dashboard");
  revalidatePath("/settings");
}

/**
 * Signs one of the current user's other sessions out (a plain form per row, no state to
 * show: a session already gone simply disappears from the list). The owner is always the
 * signed-in user, never an id from the form; this browser's own session ends with "Sign out".
 */
export async function revokeSessionAction(data: FormData): Promise<void> {
  const session = await requireUser();
  const parsed = sessionIdSchema.safeParse(data.get("sessionId"));
  if (!parsed.success || parsed.data === session.id) return;
  await revokeSession(session.user.id, parsed.data, session.user.id, contextFromHeaders(await headers()));
  revalidateSessionPages();
}

export type SignOutOthersState = ActionState<never>;

/** "Sign out everywhere else": every session of the signed-in user but this browser's. */
export const revokeOtherSessionsAction = formAction(
  { access: "account:use", schema: z.object({}), fields: [] },
  async (_input, { ctx, session }) => {
    const count = await revokeAllSessions(session.user.id, session.user.id, ctx, session.id);
    revalidateSessionPages();
    return {
      message: count === 0 ? "No other sessions were signed in." : `Signed out ${count} other session${count === 1 ? "" : "s"}. Only this browser is still signed in.`,
    };
  },
);
