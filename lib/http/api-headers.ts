import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER } from "./request-id";
import { apiHeadersFromServer } from "./server-hook";

// The headers every JSON API response carries: its request id, no caching, and the security
// headers. proxy.ts runs for pages only, so they are set here, by the route wrapper and the
// Auth.js catch-all; the sets depend only on the scheme, so they are built once.
//
// Under scripts/serve.mjs (production) the fixed part and the request id are the server's: it
// puts API_FALLBACK_HEADERS and a new X-Request-Id on every /api/* response before Next
// handles the request, and says so in the server hook (apiHeadersFromServer, server-hook.ts).
// route() then adds only HSTS over https when the fixed set lacks it (outside production)
// instead of setting the same ten headers a second time on every answer. Without that server
// (next dev, tests calling a handler) route() sets them all.
const production = env.NODE_ENV === "production";
const HEADERS = {
  http: Object.entries(apiSecurityHeaders({ https: false, production })),
  https: Object.entries(apiSecurityHeaders({ https: true, production })),
};

/**
 * For every /api/* response, set by scripts/serve.mjs before Next handles it (it gets them
 * through the server hook, lib/lifecycle.ts): the fixed part of route()'s headers, and the
 * only headers of the answers Next gives on its own (405 for a method a route file does not
 * export, OPTIONS, trailing-slash redirects). A response's own header replaces its fallback.
 */
export const API_FALLBACK_HEADERS: [name: string, value: string][] = [["cache-control", "no-store"], ...HEADERS.http];

/** What an https answer needs beyond the fallback set (HSTS outside production; nothing in it). */
const HTTPS_EXTRA = HEADERS.https.filter(([name, value]) => !API_FALLBACK_HEADERS.some(([n, v]) => n === name && v === value));

function isHttps(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto");
  return forwarded ? forwarded === "https" : req.url.startsWith("https:");
}

function setHeaders(h: Headers, req: Request, requestId: string): void {
  if (apiHeadersFromServer()) {
    // In production HTTPS_EXTRA is empty: no scheme check on every answer.
    if (HTTPS_EXTRA.length && isHttps(req)) for (const [name, value] of HTTPS_EXTRA) h.set(name, value);
    return;
  }
  h.set(REQUEST_ID_HEADER, requestId);
  if (!h.has("cache-control")) h.set("cache-control", "no-store");
  for (const [name, value] of HEADERS[isHttps(req) ? "https" : "http"]) h.set(name, value);
}

/** Adds the API headers to `res` (a handler's own Cache-Control wins) and returns it. */
export function withApiHeaders(res: Response, req: Request, requestId: string): Response {
  try {
    setHeaders(res.headers, req, requestId);
    return res;
  } catch {
    // Response.redirect() and fetched responses have immutable headers: answer a copy.
    const copy = new Response(res.body, res);
    setHeaders(copy.headers, req, requestId);
    return copy;
  }
}
