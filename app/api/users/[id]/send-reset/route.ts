import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { sendResetLink } from "@/lib/users/staff-actions";
import { messageSchema } from "@/lib/openapi/schemas";

// Staff send the user a reset link (the mail goes to the user, never to the caller).
export const POST = route({ access: "users:send-reset", summary: "Mail the user a password reset link", params: ["id"], responses: { 202: messageSchema }, errors: ["not_found", "account_deactivated"] }, async ({ ctx, auth, params: { id } }) => {
  await sendResetLink(id, auth.session.user.id, ctx);
  return jsonResponse({ message: "Reset link sent" }, 202);
});
