import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { unlockUser } from "@/lib/users/staff-actions";
import { messageSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "users:unlock", summary: "Clear a lockout, failure streak and sign-in limit", params: ["id"], responses: { 200: messageSchema }, errors: ["not_found"] }, async ({ ctx, auth, params: { id } }) => {
  await unlockUser(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Unlocked" }, 200);
});
