import { EMAIL_CHANGE_MESSAGE, requestEmailChange } from "@/lib/email/change";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { messageSchema } from "@/lib/openapi/schemas";
import { emailChangeSchema } from "@/lib/validation/account";

// The address changes only when the link mailed to it is used (POST /api/auth/email/verify).
export const POST = route(
  {
    access: "account:use",
    recentAuth: true,
    summary: "Ask to change one's email address: a link goes to the new address, a notice to the old one",
    body: emailChangeSchema,
    responses: { 202: messageSchema },
    errors: ["email_taken"],
  },
  async ({ ctx, auth, body }) => {
    await requestEmailChange(auth.session.user.id, body.email, ctx);
    return jsonResponse({ message: EMAIL_CHANGE_MESSAGE }, 202);
  },
);
