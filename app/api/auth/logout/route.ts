import { signOut } from "@/lib/auth/session-changes";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const POST = route({ access: "account:use" }, async ({ ctx, auth }) => {
  await signOut(auth.session, ctx);
  const res = jsonResponse({ message: "Signed out" }, 200, ctx.requestId);
  clearSessionCookie(res.cookies);
  return res;
});
