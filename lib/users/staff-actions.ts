import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { issueResetToken } from "@/lib/auth/password-reset";
import { revokeAllSessions } from "@/lib/auth/session-changes";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { clearLockout } from "@/lib/security/lockout";
import { clearSignInLimits } from "@/lib/security/sign-in-guard";

// What support staff do for a user, with the rules that hold on every channel (console,
// JSON API, CLI). The caller has checked the permission; every action is audited with the
// staff member as actor.

async function targetUser(userId: string) {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { email: true, isActive: true } });
  if (!user) throw notFound("User");
  return user;
}

/** Clears the lockout, the failure streak and the per-email sign-in limit. */
export async function unlockUser(userId: string, actorId: string, ctx: RequestContext) {
  const { email } = await targetUser(userId);
  await clearLockout(email);
  await clearSignInLimits(email);
  await recordAudit({ type: "unlock", outcome: "success", ctx, actorId, targetUserId: userId });
}

/** Mails the user (never the caller) a reset link; refused for deactivated accounts. The address it goes to. */
export async function sendResetLink(userId: string, actorId: string, ctx: RequestContext): Promise<string> {
  const { email, isActive } = await targetUser(userId);
  if (!isActive) throw new ApiError("account_deactivated", "Deactivated accounts get no reset link; reactivate the account first");
  runInBackground("staff-reset-link", () => issueResetToken(email, ctx, Date.now(), actorId));
  return email;
}

/** Signs the user out everywhere (404 for an unknown user); how many sessions went. */
export async function revokeUserSessions(userId: string, actorId: string, ctx: RequestContext): Promise<number> {
  await targetUser(userId);
  return revokeAllSessions(userId, actorId, ctx);
}
