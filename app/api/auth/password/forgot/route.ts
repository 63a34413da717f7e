import { FORGOT_MESSAGE, requestPasswordReset } from "@/lib/auth/password-reset";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { forgotPasswordSchema } from "@/lib/validation/account";

export const POST = route(async (req, ctx) => {
  const { email } = await readJson(req, forgotPasswordSchema);
  await requestPasswordReset(email, ctx);
  return jsonResponse({ message: FORGOT_MESSAGE }, 202, ctx.requestId);
});
