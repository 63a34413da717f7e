import { requireApiSession } from "@/lib/auth/guards";
import { listSessions } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const GET = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  const sessions = await listSessions(session.user.id);
  return jsonResponse(
    {
      sessions: sessions.map((s) => ({
        id: s.id,
        current: s.id === session.id,
        created_at: s.createdAt.toISOString(),
        last_seen_at: s.lastSeenAt.toISOString(),
        expires_at: s.expires.toISOString(),
        ip_address: s.ipAddress,
        user_agent: s.userAgent,
      })),
    },
    200,
    ctx.requestId,
  );
});
