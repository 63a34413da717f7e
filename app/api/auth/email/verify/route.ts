import { confirmEmailToken } from "@/lib/email/verification";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { emailVerifiedSchema } from "@/lib/openapi/schemas";
import { emailTokenSchema } from "@/lib/validation/account";

// Public: the link's token is the proof. A change link moves the account to the new address.
export const POST = route(
  {
    access: "public",
    summary: "Use a mailed link: verify the address, or confirm an email change",
    body: emailTokenSchema,
    responses: { 200: emailVerifiedSchema },
    errors: ["invalid_or_expired_token", "email_taken"],
  },
  async ({ ctx, body }) => {
    const { purpose, email } = await confirmEmailToken(body.token, ctx);
    const message = purpose === "change" ? "Your email address is changed" : "Your email address is verified";
    return jsonResponse({ message, email, changed: purpose === "change" }, 200);
  },
);
