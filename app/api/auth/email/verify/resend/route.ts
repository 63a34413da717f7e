import { resendEmailVerification } from "@/lib/email/verification";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { messageSchema } from "@/lib/openapi/schemas";

export const POST = route(
  {
    access: "account:use",
    summary: "Mail the signed-in user a new link to verify their address (limited per user and per IP)",
    responses: { 202: messageSchema },
    errors: ["email_already_verified"],
  },
  async ({ ctx, auth }) => {
    await resendEmailVerification(auth.session.user.id, ctx);
    return jsonResponse({ message: "A new verification link is on its way to your email address" }, 202);
  },
);
