import { assertRole } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { revokeUserSessions } from "@/lib/users/staff-actions";

export const POST = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertRole(session, "support", "admin");
  const revoked = await revokeUserSessions(id, session.user.id, ctx);
  return jsonResponse({ message: "Sessions revoked", revoked }, 200, ctx.requestId);
});
