import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { isSecondFactorRequired, secondFactorJson, signInWithPassword } from "@/lib/auth/sign-in";
import { cookieJsonResponse, jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { passwordSignInSchema } from "@/lib/openapi/schemas";
import { loginSchema } from "@/lib/validation/auth";

const spec = {
  access: "public",
  summary: "Sign in with email and password (then POST /api/auth/login/mfa when the account has a second factor)",
  body: loginSchema,
  responses: { 200: passwordSignInSchema },
  errors: ["invalid_credentials", "account_locked", "busy"],
} as const;

/** A right password for an account with a second factor answers `mfa_required` with the token of POST /api/auth/login/mfa: no session, no cookie. */
export const POST = route(spec, async ({ ctx, body }) => {
  const result = await signInWithPassword(body, ctx);
  if (isSecondFactorRequired(result)) return jsonResponse(secondFactorJson(result), 200);
  // Staff without a factor are signed in, but their staff powers wait for one (mfa_required).
  const res = cookieJsonResponse({ ...signedInJson(result), ...(roleNeedsSecondFactor(result.user.role) ? { mfa_setup_required: true } : {}) }, 200);
  setSessionCookie(res.cookies, result.token);
  return res;
});
