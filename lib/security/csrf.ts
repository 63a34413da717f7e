import "server-only";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { readSessionCookie } from "@/lib/auth/session-cookie";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrfRejected = () =>
  new ApiError("csrf_rejected", "Cross-site request refused; send it from the app or use a bearer token");

/**
 * Cookie-authenticated state changes must come from our own origin. Bearer-token requests
 * are exempt (a browser never attaches them on its own). Any request that declares a
 * foreign origin is refused, signed in or not, so a cross-site page cannot sign a victim
 * in or out either. Server actions get the same Origin check from Next itself.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (/^Bearer\s+\S+$/i.test(req.headers.get("authorization") ?? "")) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site === "cross-site" || site === "same-site") throw csrfRejected();
  if (origin && origin !== "null" && allowedOrigins(req).has(origin)) return;
  if (origin) throw csrfRejected();
  const hasCookie = readSessionCookie(req.headers.get("cookie")) !== null;
  if (hasCookie && site !== "same-origin") throw csrfRejected();
}

function allowedOrigins(req: Request): Set<string> {
  const origins = new Set([new URL(env.APP_URL).origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  return origins;
}
