"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { revokeSession } from "@/lib/auth/session-changes";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { ApiError } from "@/lib/http/errors";
import { changeRole, deleteUserAsStaff, getProfile, setActive } from "@/lib/users/account";
import { resetSecondFactors, revokeUserSessions, sendResetLink, sendVerificationLink, unlockUser } from "@/lib/users/staff-actions";
import { roleSchema } from "@/lib/validation/auth";
import { DEACTIVATE_CONFIRMATION_MESSAGE, DELETE_CONFIRMATION_MESSAGE, RESET_FACTORS_CONFIRMATION_MESSAGE, confirmationSchema } from "@/lib/validation/account";

// Staff actions on one user, behind one action so the user page keeps a single feedback
// message however its sections re-render. The user id comes from the form but is only
// looked up (lib functions answer 404 for unknown ids); each intent needs its own
// permission, and the rules (not on oneself, not the last admin, no reset link for a
// deactivated account) are the lib functions', the same as the JSON API's.

export type UserActionState = ActionState<"intent" | "userId" | "role" | "confirm" | "sessionId">;

const userId = z.string().min(1).max(64);
const requestSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("unlock"), userId }),
    z.object({ intent: z.literal("send_reset"), userId }),
    z.object({ intent: z.literal("send_verification"), userId }),
    z.object({ intent: z.literal("revoke_sessions"), userId }),
    z.object({ intent: z.literal("revoke_session"), userId, sessionId: z.string().min(1, "That session had already ended.").max(64) }),
    z.object({ intent: z.literal("change_role"), userId, role: roleSchema }),
    z.object({ intent: z.literal("deactivate"), userId, confirm: confirmationSchema(DEACTIVATE_CONFIRMATION_MESSAGE) }),
    z.object({ intent: z.literal("reactivate"), userId }),
    z.object({ intent: z.literal("delete"), userId, confirm: confirmationSchema(DELETE_CONFIRMATION_MESSAGE) }),
    z.object({ intent: z.literal("reset_factors"), userId, confirm: confirmationSchema(RESET_FACTORS_CONFIRMATION_MESSAGE) }),
  ],
  { error: "That action is not available." },
);
type Request = z.infer<typeof requestSchema>;

const PERMISSION: Record<Request["intent"], Permission> = {
  unlock: "users:unlock",
  send_reset: "users:send-reset",
  send_verification: "users:send-verification",
  revoke_sessions: "users:revoke-sessions",
  revoke_session: "users:revoke-sessions",
  change_role: "users:role",
  deactivate: "users:deactivate",
  reactivate: "users:deactivate",
  delete: "users:delete",
  reset_factors: "users:reset-factors",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const userAction = formAction(
  { access: "users:read", schema: requestSchema, fields: ["intent", "userId", "role", "confirm", "sessionId"], messageFromFields: true },
  async (request, { ctx, session }) => {
    assertCan(session, PERMISSION[request.intent]);
    const actorId = session.user.id;
    const target = request.userId;
    let message: string;
    switch (request.intent) {
      case "unlock":
        await unlockUser(target, actorId, ctx);
        message = "Unlocked: the lock, the failure streak and the sign-in rate limit are cleared.";
        break;
      case "send_reset":
        message = `A password reset link is on its way to ${await sendResetLink(target, actorId, ctx)}.`;
        break;
      case "send_verification":
        message = `A new verification link is on its way to ${await sendVerificationLink(target, actorId, ctx)}.`;
        break;
      case "revoke_sessions": {
        const count = await revokeUserSessions(target, actorId, ctx);
        message = count === 0 ? "There were no sessions to revoke." : `Revoked ${plural(count, "session")}.`;
        break;
      }
      case "revoke_session":
        if (!(await revokeSession(target, request.sessionId, actorId, ctx))) throw new ApiError("not_found", "That session had already ended.");
        message = "Session revoked.";
        break;
      case "change_role": {
        const before = await getProfile(target);
        await changeRole(target, request.role, actorId, ctx);
        message = before.role === request.role ? `The role is already ${request.role}.` : `Role changed from ${before.role} to ${request.role}.`;
        break;
      }
      case "deactivate":
        await setActive(target, false, actorId, ctx);
        message = "Deactivated: every session was revoked and sign-in is refused.";
        break;
      case "reactivate":
        await setActive(target, true, actorId, ctx);
        message = "Reactivated: they can sign in again.";
        break;
      case "reset_factors":
        await resetSecondFactors(target, actorId, ctx);
        message = "Second factors reset: they sign in with their password alone until they set one up again. They were mailed.";
        break;
      case "delete":
        await deleteUserAsStaff(target, actorId, ctx);
        revalidatePath("/admin");
        redirect("/admin?deleted=1");
    }
    revalidatePath("/admin");
    revalidatePath(`/admin/users/${target}`);
    return { message };
  },
);
