import { setSessionCookie, signedInJson } from "@/lib/auth/responses";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { loginSchema } from "@/lib/validation/auth";

export const POST = route(async (req, ctx) => {
  const input = await readJson(req, loginSchema);
  const signedIn = await signInWithPassword(input, ctx);
  const res = jsonResponse(signedInJson(signedIn), 200, ctx.requestId);
  setSessionCookie(res, signedIn.token);
  return res;
});
