import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { messageSchema } from "@/lib/openapi/schemas";
import { sendVerificationLink } from "@/lib/users/staff-actions";

// Staff send the user a new verification link (to the user's address, never to the caller).
export const POST = route(
  {
    access: "users:send-verification",
    summary: "Mail the user a new link to verify their email address",
    params: ["id"],
    responses: { 202: messageSchema },
    errors: ["not_found", "account_deactivated", "email_already_verified"],
  },
  async ({ ctx, auth, params: { id } }) => {
    await sendVerificationLink(id, auth.session.user.id, ctx);
    return jsonResponse({ message: "Verification link sent" }, 202);
  },
);
