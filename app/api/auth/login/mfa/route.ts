import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { countSignIn } from "@/lib/auth/sign-in";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { signInWithSecondFactor } from "@/lib/mfa/mfa-sign-in";
import { loginMfaSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "public", body: loginMfaSchema }, async ({ ctx, body }) => {
  const signedIn = await countSignIn(() => signInWithSecondFactor(body, ctx));
  const res = jsonResponse(signedInJson(signedIn), 200, ctx.requestId);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
