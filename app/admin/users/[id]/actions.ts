"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import type { ActionState } from "@/lib/forms/form-state";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders, type RequestContext } from "@/lib/http/request-context";
import { changeRole, deleteUser, getProfile, setActive } from "@/lib/users/account";
import { revokeUserSession, revokeUserSessions, sendResetLink, unlockUser } from "@/lib/users/staff-actions";
import { DEACTIVATE_CONFIRMATION_MESSAGE, DELETE_CONFIRMATION_MESSAGE, confirmationSchema } from "@/lib/validation/account";

// Staff actions on one user, behind one action so the user page keeps a single feedback
// message however its sections re-render. The user id comes from the form but is only
// looked up (lib functions answer 404 for unknown ids); each intent checks its own role.

export type UserActionState = ActionState<"role" | "confirm">;

const INTENTS = ["unlock", "send_reset", "revoke_sessions", "revoke_session", "change_role", "deactivate", "reactivate", "delete"] as const;
type Intent = (typeof INTENTS)[number];

const requestSchema = z.object({
  intent: z.enum(INTENTS),
  userId: z.string().min(1).max(64),
});
const roleSchema = z.enum(["user", "support", "admin"], { error: "Choose user, support or admin" });
const sessionIdSchema = z.string().min(1).max(64);
const confirmDeactivate = confirmationSchema(DEACTIVATE_CONFIRMATION_MESSAGE);
const confirmDelete = confirmationSchema(DELETE_CONFIRMATION_MESSAGE);

/** An expected refusal, shown to the staff member as the form's error. */
class Refusal extends Error {}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function notOnSelf(userId: string, actorId: string, what: string) {
  if (userId === actorId) throw new Refusal(`You can't ${what} your own account here. Use Settings, or ask another administrator.`);
}

async function run(intent: Intent, userId: string, data: FormData, ctx: RequestContext): Promise<string> {
  switch (intent) {
    case "unlock": {
      const { user: actor } = await requireRole("support", "admin");
      await unlockUser(userId, actor.id, ctx);
      return "Unlocked: the lock, the failure streak and the sign-in rate limit are cleared.";
    }
    case "send_reset": {
      const { user: actor } = await requireRole("support", "admin");
      const target = await getProfile(userId);
      if (!target.isActive) throw new Refusal("Deactivated accounts get no reset link. Reactivate the account first.");
      await sendResetLink(userId, actor.id, ctx);
      return `A password reset link is on its way to ${target.email}.`;
    }
    case "revoke_sessions": {
      const { user: actor } = await requireRole("support", "admin");
      const count = await revokeUserSessions(userId, actor.id, ctx);
      return count === 0 ? "There were no sessions to revoke." : `Revoked ${plural(count, "session")}.`;
    }
    case "revoke_session": {
      const { user: actor } = await requireRole("support", "admin");
      const sessionId = sessionIdSchema.safeParse(data.get("sessionId"));
      if (!sessionId.success || !(await revokeUserSession(userId, sessionId.data, actor.id, ctx))) {
        throw new Refusal("That session had already ended.");
      }
      return "Session revoked.";
    }
    case "change_role": {
      const { user: actor } = await requireRole("admin");
      notOnSelf(userId, actor.id, "change the role of");
      const role = roleSchema.safeParse(data.get("role"));
      if (!role.success) throw new Refusal(role.error.issues[0].message);
      const before = await getProfile(userId);
      if (before.role === role.data) return `The role is already ${role.data}.`;
      await changeRole(userId, role.data, actor.id, ctx);
      return `Role changed from ${before.role} to ${role.data}.`;
    }
    case "deactivate": {
      const { user: actor } = await requireRole("admin");
      notOnSelf(userId, actor.id, "deactivate");
      const confirmed = confirmDeactivate.safeParse(data.get("confirm"));
      if (!confirmed.success) throw new Refusal(confirmed.error.issues[0].message);
      await setActive(userId, false, actor.id, ctx);
      return "Deactivated: every session was revoked and sign-in is refused.";
    }
    case "reactivate": {
      const { user: actor } = await requireRole("admin");
      await setActive(userId, true, actor.id, ctx);
      return "Reactivated: they can sign in again.";
    }
    case "delete": {
      const { user: actor } = await requireRole("admin");
      notOnSelf(userId, actor.id, "delete");
      const confirmed = confirmDelete.safeParse(data.get("confirm"));
      if (!confirmed.success) throw new Refusal(confirmed.error.issues[0].message);
      await deleteUser(userId, actor.id, ctx);
      return "User deleted.";
    }
  }
}

export async function userAction(_previous: UserActionState, data: FormData): Promise<UserActionState> {
  await requireRole("support", "admin");
  const ctx = contextFromHeaders(await headers());
  const fail = (formError: string): UserActionState => ({ ok: false, formError, reference: ctx.requestId });
  const request = requestSchema.safeParse({ intent: data.get("intent"), userId: data.get("userId") });
  if (!request.success) return fail("That action is not available.");
  const { intent, userId } = request.data;

  let message: string;
  try {
    message = await run(intent, userId, data, ctx);
  } catch (err) {
    if (err instanceof Refusal) return fail(err.message);
    // 404 (the user was deleted meanwhile), 409 last_admin: their messages say what happened.
    if (err instanceof ApiError) return fail(err.message);
    throw err;
  }
  revalidatePath("/admin");
  if (intent === "delete") redirect("/admin?deleted=1");
  revalidatePath(`/admin/users/${userId}`);
  return { ok: true, message, reference: ctx.requestId };
}
