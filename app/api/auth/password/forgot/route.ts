import { FORGOT_MESSAGE, requestPasswordReset } from "@/lib/auth/password-reset";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { forgotPasswordSchema } from "@/lib/validation/account";
import { messageSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "public", summary: "Mail a password reset link (the same answer for unknown emails)", body: forgotPasswordSchema, responses: { 202: messageSchema } }, async ({ ctx, body }) => {
  await requestPasswordReset(body.email, ctx);
  return jsonResponse({ message: FORGOT_MESSAGE }, 202);
});
