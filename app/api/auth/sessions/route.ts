import { listSessions, sessionJson } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { ownSessionsSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: "account:use", summary: "One's own active sessions", responses: { 200: ownSessionsSchema } }, async ({ auth: { session } }) => {
  const sessions = await listSessions(session.user.id);
  return jsonResponse({ sessions: sessions.map((s) => ({ ...sessionJson(s), current: s.id === session.id })) }, 200);
});
