import { recordAudit } from "@/lib/audit/audit";
import { requireApiSession } from "@/lib/auth/guards";
import { clearSessionCookie } from "@/lib/auth/responses";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const POST = route(async (req, ctx) => {
  const { session, token } = await requireApiSession(req);
  await deleteSessionByToken(token);
  await recordAudit({ type: "logout", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { sessionId: session.id } });
  const res = jsonResponse({ message: "Signed out" }, 200, ctx.requestId);
  clearSessionCookie(res);
  return res;
});
