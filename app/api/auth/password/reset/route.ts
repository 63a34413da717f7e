import { resetPassword } from "@/lib/auth/password-reset";
import { setSessionCookie, signedInJson } from "@/lib/auth/responses";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { resetPasswordSchema } from "@/lib/validation/account";

export const POST = route(async (req, ctx) => {
  const { token, password } = await readJson(req, resetPasswordSchema(env.PASSWORD_POLICY));
  const signedIn = await resetPassword(token, password, ctx);
  const res = jsonResponse({ message: "Password changed; every other session was signed out", ...signedInJson(signedIn) }, 200, ctx.requestId);
  setSessionCookie(res, signedIn.token);
  return res;
});
