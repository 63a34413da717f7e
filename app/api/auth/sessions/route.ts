import { requireApiSession } from "@/lib/auth/guards";
import { listSessions, sessionJson } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const GET = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  const sessions = await listSessions(session.user.id);
  return jsonResponse({ sessions: sessions.map((s) => ({ ...sessionJson(s), current: s.id === session.id })) }, 200, ctx.requestId);
});
