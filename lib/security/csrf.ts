import "server-only";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { isCrossSiteWrite, isSafeMethod } from "./same-origin";

export const csrfRejected = () =>
  new ApiError("csrf_rejected", "Cross-site request refused; send it from the app or use a bearer token");

/**
 * Cookie-authenticated state changes must come from our own origin (APP_URL; a proxy's
 * forwarded host only with TRUST_PROXY > 0). Bearer-token requests are exempt (a browser
 * never attaches them on its own). Any request that declares a foreign origin is refused,
 * signed in or not, so a cross-site page cannot sign a victim in or out either. Server
 * actions get the same rule in proxy.ts.
 */
export function assertSameOrigin(req: Request): void {
  // Reads no cookie for the requests most clients send.
  if (isSafeMethod(req.method)) return;
  const hasSessionCookie = readSessionCookie(req.headers.get("cookie")) !== null;
  if (isCrossSiteWrite({ method: req.method, headers: req.headers, hasSessionCookie }, { appUrl: env.APP_URL, trustProxy: env.TRUST_PROXY })) {
    throw csrfRejected();
  }
}
