import { FORGOT_MESSAGE, requestPasswordReset } from "@/lib/auth/password-reset";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { forgotPasswordSchema } from "@/lib/validation/account";

export const POST = route({ access: "public", body: forgotPasswordSchema }, async ({ ctx, body }) => {
  await requestPasswordReset(body.email, ctx);
  return jsonResponse({ message: FORGOT_MESSAGE }, 202, ctx.requestId);
});
