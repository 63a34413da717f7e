import { registerUser } from "@/lib/auth/register";
import { setSessionCookie, signedInJson } from "@/lib/auth/responses";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { registerSchema } from "@/lib/validation/auth";

export const POST = route(async (req, ctx) => {
  const input = await readJson(req, registerSchema(env.PASSWORD_POLICY));
  const signedIn = await registerUser(input, ctx);
  const res = jsonResponse(signedInJson(signedIn), 201, ctx.requestId);
  setSessionCookie(res, signedIn.token);
  return res;
});
