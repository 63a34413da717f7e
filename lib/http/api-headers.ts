import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER } from "./request-id";

// The headers every JSON API response carries: its request id, no caching, and the security
// headers. Set here, by the route wrapper and the Auth.js catch-all, because proxy.ts runs
// for pages only. The header sets depend only on the scheme, so they are built once.
const production = env.NODE_ENV === "production";
const HEADERS = {
  http: Object.entries(apiSecurityHeaders({ https: false, production })),
  https: Object.entries(apiSecurityHeaders({ https: true, production })),
};

/**
 * For the answers Next gives on its own under /api/* (405 for a method a route file does not
 * export, OPTIONS, trailing-slash redirects), which pass neither proxy.ts nor route():
 * scripts/serve.mjs sets these on every /api/* response before Next handles it (it gets them
 * through the server hook, lib/lifecycle.ts); route()'s own headers then replace them.
 */
export const API_FALLBACK_HEADERS: [name: string, value: string][] = [["cache-control", "no-store"], ...HEADERS.http];

function isHttps(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto");
  return forwarded ? forwarded === "https" : req.url.startsWith("https:");
}

function setHeaders(h: Headers, https: boolean, requestId: string): void {
  h.set(REQUEST_ID_HEADER, requestId);
  if (!h.has("cache-control")) h.set("cache-control", "no-store");
  for (const [name, value] of HEADERS[https ? "https" : "http"]) h.set(name, value);
}

/** Adds the API headers to `res` (a handler's own Cache-Control wins) and returns it. */
export function withApiHeaders(res: Response, req: Request, requestId: string): Response {
  const https = isHttps(req);
  try {
    setHeaders(res.headers, https, requestId);
    return res;
  } catch {
    // Response.redirect() and fetched responses have immutable headers: answer a copy.
    const copy = new Response(res.body, res);
    setHeaders(copy.headers, https, requestId);
    return copy;
  }
}
