import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { unauthorized } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { deleteUserSession, deleteUserSessions, rotateSession, type ResolvedSession } from "./sessions";

// The session changes people ask for, each with its audit event: the JSON routes, the
// server actions and the console all call these, so every channel records the same trail.

/** Ends this session (JSON logout, the Sign out button): the row goes, so the token is dead everywhere. */
export async function signOut(session: ResolvedSession, ctx: RequestContext): Promise<void> {
  await deleteUserSession(session.user.id, session.id);
  await recordAudit({ type: "logout", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { sessionId: session.id } });
}

/** Revokes one of a user's sessions (by the user, or by staff); false when it is not theirs or already gone. */
export async function revokeSession(userId: string, sessionId: string, actorId: string, ctx: RequestContext): Promise<boolean> {
  const revoked = await deleteUserSession(userId, sessionId);
  if (revoked) await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { sessionId } });
  return revoked;
}

/**
 * Revokes every session of a user: by staff ("revoke all"), or by the user keeping the one
 * they are using ("sign out everywhere else", `keep`). How many went.
 */
export async function revokeAllSessions(userId: string, actorId: string, ctx: RequestContext, keep?: string): Promise<number> {
  const count = await deleteUserSessions(userId, keep);
  await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId, targetUserId: userId, metadata: keep ? { all_others: true, count } : { all: true, count } });
  return count;
}

/** A new token for this session (POST /api/auth/refresh); of concurrent refreshes of one token, one wins and the rest get 401. */
export async function refreshSession(session: ResolvedSession, ctx: RequestContext) {
  const next = await rotateSession(session, ctx);
  if (!next) throw unauthorized();
  await recordAudit({ type: "session_refreshed", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { from: session.id, to: next.sessionId } });
  return next;
}
