import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { messageSchema } from "@/lib/openapi/schemas";
import { resetSecondFactors } from "@/lib/users/staff-actions";

/** An administrator removes the second factors of a user who lost theirs (audited, mailed). */
export const POST = route({ access: "users:reset-factors", summary: "Remove a user's second factors (they lost them): audited, mailed", params: ["id"], responses: { 200: messageSchema }, errors: ["not_found", "cannot_change_self"] }, async ({ ctx, auth, params: { id } }) => {
  await resetSecondFactors(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Second factors reset" }, 200);
});
