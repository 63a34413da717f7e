import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { unlockUser } from "@/lib/users/staff-actions";

export const POST = route({ access: "users:unlock", params: ["id"] }, async ({ ctx, auth, params: { id } }) => {
  await unlockUser(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Unlocked" }, 200, ctx.requestId);
});
