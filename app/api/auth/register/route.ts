import { registerUser } from "@/lib/auth/register";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signedInJson } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { registerSchema } from "@/lib/validation/auth";

export const POST = route({ access: "public", body: registerSchema(env.PASSWORD_POLICY) }, async ({ ctx, body }) => {
  const signedIn = await registerUser(body, ctx);
  const res = jsonResponse(signedInJson(signedIn), 201, ctx.requestId);
  setSessionCookie(res.cookies, signedIn.token);
  return res;
});
