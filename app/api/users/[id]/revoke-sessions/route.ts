import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { revokeUserSessions } from "@/lib/users/staff-actions";

export const POST = route({ access: "users:revoke-sessions", params: ["id"] }, async ({ ctx, auth, params: { id } }) => {
  const revoked = await revokeUserSessions(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Sessions revoked", revoked }, 200, ctx.requestId);
});
