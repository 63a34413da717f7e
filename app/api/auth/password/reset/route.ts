import { resetPassword } from "@/lib/auth/password-reset";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { resetPasswordSchema } from "@/lib/validation/account";
import { passwordResetSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "public", summary: "Set a new password with a reset token; signs in, other sessions end", body: resetPasswordSchema(env.PASSWORD_POLICY), responses: { 200: passwordResetSchema }, errors: ["invalid_or_expired_token", "busy"] }, async ({ ctx, body }) => {
  const signedIn = await resetPassword(body.token, body.password, ctx);
  const res = cookieJsonResponse({ message: "Password changed; every other session was signed out", ...signedInJson(signedIn) }, 200);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
