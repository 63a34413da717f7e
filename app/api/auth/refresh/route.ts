import { recordAudit } from "@/lib/audit/audit";
import { requireApiSession } from "@/lib/auth/guards";
import { setSessionCookie } from "@/lib/auth/responses";
import { rotateSession } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const POST = route(async (req, ctx) => {
  const { session, via } = await requireApiSession(req);
  const next = await rotateSession(session, ctx);
  await recordAudit({ type: "session_refreshed", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { from: session.id, to: next.sessionId } });
  const res = jsonResponse({ token: next.token, expires_at: next.expires.toISOString() }, 200, ctx.requestId);
  if (via === "cookie") setSessionCookie(res, next.token);
  return res;
});
