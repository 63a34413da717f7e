import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER } from "./request-id";

// The headers every JSON API response carries: its request id, no caching, and the security
// headers. proxy.ts runs for pages only, so they are set here, by the route wrapper and the
// Auth.js catch-all; the sets depend only on the scheme, so they are built once.
//
// Under scripts/serve.mjs (production) the fixed part is the server's: it puts
// API_FALLBACK_HEADERS on every /api/* response before Next handles the request, and says so
// in the server hook (apiHeadersFromServer). route() then adds only what differs per request
// (our request id; HSTS over https when the fixed set lacks it) instead of setting the same
// nine headers a second time on every answer. Without that server (next dev, tests calling a
// handler) route() sets them all.
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

// lib/lifecycle.ts SERVER_HOOK (not imported: lifecycle imports this module).
const SERVER_HOOK = Symbol.for("latchkey.server");
const headersFromServer = (): boolean => (globalThis as Record<symbol, { apiHeadersFromServer?: boolean } | undefined>)[SERVER_HOOK]?.apiHeadersFromServer === true;

function isHttps(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto");
  return forwarded ? forwarded === "https" : req.url.startsWith("https:");
}

function setHeaders(h: Headers, req: Request, requestId: string): void {
  h.set(REQUEST_ID_HEADER, requestId);
  if (headersFromServer()) {
    // In production HTTPS_EXTRA is empty: no scheme check on every answer.
    if (HTTPS_EXTRA.length && isHttps(req)) for (const [name, value] of HTTPS_EXTRA) h.set(name, value);
    return;
  }
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
