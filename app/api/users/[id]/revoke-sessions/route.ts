import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { revokeUserSessions } from "@/lib/users/staff-actions";
import { revokedSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "users:revoke-sessions", summary: "Sign the user out everywhere", params: ["id"], responses: { 200: revokedSchema }, errors: ["not_found"] }, async ({ ctx, auth, params: { id } }) => {
  const revoked = await revokeUserSessions(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Sessions revoked", revoked }, 200);
});
