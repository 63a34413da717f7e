import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { issueResetToken } from "@/lib/auth/password-reset";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { clearLockout } from "@/lib/security/lockout";
import { resetEmailLimit } from "@/lib/security/rate-limit";

// What support staff do for a user. The caller has checked the role; every action is
// audited with the staff member as actor.

async function targetEmail(userId: string): Promise<string> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw notFound("User");
  return user.email;
}

/** Clears the lockout, the failure streak and the per-email sign-in limit. */
export async function unlockUser(userId: string, actorId: string, ctx: RequestContext) {
  const email = await targetEmail(userId);
  await clearLockout(email);
  await resetEmailLimit("loginEmail", email);
  await recordAudit({ type: "unlock", outcome: "success", ctx, actorId, targetUserId: userId });
}

export async function revokeUserSessions(userId: string, actorId: string, ctx: RequestContext): Promise<number> {
  await targetEmail(userId);
  const revoked = await revokeAllSessions(userId);
  await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { all: true, count: revoked } });
  return revoked;
}

export async function revokeUserSession(userId: string, sessionId: string, actorId: string, ctx: RequestContext): Promise<boolean> {
  const { count } = await prisma().session.deleteMany({ where: { id: sessionId, userId } });
  if (count) await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { sessionId } });
  return count > 0;
}

export async function sendResetLink(userId: string, actorId: string, ctx: RequestContext) {
  const email = await targetEmail(userId);
  runInBackground("staff-reset-link", () => issueResetToken(email, ctx, Date.now(), actorId));
}
