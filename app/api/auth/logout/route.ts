import { signOut } from "@/lib/auth/session-changes";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { messageSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "account:use", summary: "Sign out (this session)", responses: { 200: messageSchema } }, async ({ ctx, auth }) => {
  await signOut(auth.session, ctx);
  const res = cookieJsonResponse({ message: "Signed out" }, 200);
  clearSessionCookie(res.cookies);
  return res;
});
