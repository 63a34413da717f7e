import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { countSignIn } from "@/lib/auth/sign-in";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { signedInSchema } from "@/lib/openapi/schemas";
import { signInWithSecondFactor } from "@/lib/mfa/mfa-sign-in";
import { loginMfaSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "public", summary: "The second step of a sign-in: the mfa_token and a code or a recovery code", body: loginMfaSchema, responses: { 200: signedInSchema }, errors: ["invalid_code", "invalid_mfa_token", "account_locked"] }, async ({ ctx, body }) => {
  const signedIn = await countSignIn(() => signInWithSecondFactor(body, ctx));
  const res = cookieJsonResponse(signedInJson(signedIn), 200);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
