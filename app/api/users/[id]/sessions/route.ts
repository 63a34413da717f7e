import { listSessions, sessionJson } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getProfile } from "@/lib/users/account";
import { userSessionsSchema } from "@/lib/openapi/schemas";

/** A user's active sessions for support (the console's list, for `cli inspect`); the user reads their own at /api/auth/sessions. */
export const GET = route({ access: "users:read", summary: "A user's active sessions", params: ["id"], responses: { 200: userSessionsSchema }, errors: ["not_found"] }, async ({ params: { id } }) => {
  await getProfile(id);
  const sessions = await listSessions(id);
  return jsonResponse({ sessions: sessions.map(sessionJson) }, 200);
});
