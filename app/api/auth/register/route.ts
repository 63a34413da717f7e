import { registerUser } from "@/lib/auth/register";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { registerSchema } from "@/lib/validation/auth";
import { signedInSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "public", summary: "Create an account and sign in", body: registerSchema(env.PASSWORD_POLICY), responses: { 201: signedInSchema }, errors: ["email_taken", "busy"] }, async ({ ctx, body }) => {
  const signedIn = await registerUser(body, ctx);
  const res = cookieJsonResponse(signedInJson(signedIn), 201);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
