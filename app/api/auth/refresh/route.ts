import { refreshSession } from "@/lib/auth/session-changes";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { cookieJsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { refreshedSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "account:use", summary: "Rotate the session token (the old one stops working)", responses: { 200: refreshedSchema } }, async ({ ctx, auth }) => {
  const next = await refreshSession(auth.session, ctx);
  const res = cookieJsonResponse({ token: next.token, expires_at: next.expires.toISOString() }, 200);
  if (auth.via === "cookie") setSessionCookie(res.cookies, next.token);
  return res;
});
