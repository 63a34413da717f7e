import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/http/request-id";
import { generateNonce, securityHeaders } from "@/lib/security/headers";

// Runs before every page and server action: gives the request its id (echoed as
// X-Request-Id), a CSP nonce and the security headers, and tells pages their own path for
// login redirects. Not for /api/*: running it there cost ~40 % of a bare route handler's
// throughput, so JSON routes set their own headers (lib/http/api-headers.ts, applied by
// route() and the Auth.js catch-all). Authorization is NOT decided here: every page, action
// and route handler checks it itself.
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const nonce = generateNonce();
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const security = securityHeaders({ nonce, https, production: process.env.NODE_ENV === "production" });

  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["content-security-policy"]);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files from public/ need no request id, nonce or session; /api/* sets its own.
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon\\.ico|favicon\\.svg|apple-touch-icon\\.png|robots\\.txt).*)"],
};
