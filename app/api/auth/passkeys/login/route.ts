import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { clearMfaCookie, mfaTokenFrom, setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { countSignIn } from "@/lib/auth/sign-in";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { signInWithPasskey } from "@/lib/mfa/passkeys";
import { passkeyLoginSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "public", body: passkeyLoginSchema }, async ({ req, ctx, body }) => {
  const mfaToken = mfaTokenFrom(req, body);
  const signedIn = await countSignIn(() => signInWithPasskey(body.response as unknown as AuthenticationResponseJSON, ctx, mfaToken));
  const res = jsonResponse(signedInJson(signedIn), 200, ctx.requestId);
  setSessionCookie(res.cookies, signedIn.token);
  if (mfaToken !== undefined) clearMfaCookie(res.cookies);
  return res;
});
