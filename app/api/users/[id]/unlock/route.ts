import { assertRole } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { unlockUser } from "@/lib/users/staff-actions";

export const POST = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertRole(session, "support", "admin");
  await unlockUser(id, session.user.id, ctx);
  return jsonResponse({ message: "Unlocked" }, 200, ctx.requestId);
});
