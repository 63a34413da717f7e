import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { loginSchema } from "@/lib/validation/auth";
import { signedInSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "public", summary: "Sign in with email and password", body: loginSchema, responses: { 200: signedInSchema }, errors: ["invalid_credentials", "account_locked", "busy"] }, async ({ ctx, body }) => {
  const signedIn = await signInWithPassword(body, ctx);
  const res = jsonResponse(signedInJson(signedIn), 200, ctx.requestId);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
