import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { clearMfaCookie, mfaTokenFrom, setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { countSignIn } from "@/lib/auth/sign-in";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { signedInSchema } from "@/lib/openapi/schemas";
import { signInWithPasskey } from "@/lib/mfa/passkeys";
import { passkeyLoginSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "public", summary: "Sign in with a passkey, alone or as the second factor (with the mfa_token)", body: passkeyLoginSchema, responses: { 200: signedInSchema }, errors: ["invalid_credentials", "invalid_mfa_token", "account_locked"] }, async ({ req, ctx, body }) => {
  const mfaToken = mfaTokenFrom(req, body);
  const signedIn = await countSignIn(() => signInWithPasskey(body.response as unknown as AuthenticationResponseJSON, ctx, mfaToken));
  const res = cookieJsonResponse(signedInJson(signedIn), 200);
  setSessionCookie(res.cookies, signedIn.token);
  if (mfaToken !== undefined) clearMfaCookie(res.cookies);
  return res;
});
