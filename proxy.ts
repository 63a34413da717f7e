import { NextResponse, type NextRequest } from "next/server";
import type { ErrorCode } from "@/lib/http/errors";
import { OWN_REQUEST_ID_HEADER, REQUEST_ID_HEADER, newRequestId } from "@/lib/http/request-id";
import { urlRefusal } from "@/lib/http/url-rules";
import { apiSecurityHeaders, generateNonce, securityHeaders } from "@/lib/security/headers";
import { isCrossSiteWrite } from "@/lib/security/same-origin";

// Runs before every page and server action, not for /api/* (running it there cost ~40 % of a
// bare route handler's throughput; route() and the Auth.js catch-all apply the same rules to
// JSON: lib/http/api-headers.ts, url-rules.ts, request-context.ts apiContextFromHeaders),
// except for the URL rule on /api/* paths holding a "%" (apiPathWithPercent below).
// It gives the request our own id (echoed as X-Request-Id; a client's X-Request-Id stays on
// the request only as a separate, logged field), a CSP nonce and the security headers, and
// tells pages their own path for login redirects. It also refuses, with our JSON error body,
// what would otherwise reach Next's plain-text 500: URLs the URL rule refuses (lib/http/
// url-rules.ts: undecodable or NUL paths, NUL in the query), malformed form posts to pages,
// and cross-site server actions (the routes' same-origin rule, lib/security/same-origin.ts).
// Authorization is NOT decided here: every page, action and route handler checks it itself.
export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) return apiPathWithPercent(request);
  const requestId = newRequestId();
  const nonce = generateNonce();
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const security = securityHeaders({ nonce, https, production: process.env.NODE_ENV === "production" });
  const finish = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
    return response;
  };

  const refusal = await refuse(request);
  if (refusal) {
    const [status, error, message, extra] = refusal;
    return finish(NextResponse.json({ error, message, ...extra, request_id: requestId }, { status, headers: { "cache-control": "no-store" } }));
  }

  const headers = new Headers(request.headers);
  headers.set(OWN_REQUEST_ID_HEADER, requestId);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["content-security-policy"]);
  return finish(NextResponse.next({ request: { headers } }));
}

// /api/* paths reach the proxy only when they hold a "%" (the matcher): Next's router
// percent-decodes dynamic segments before any route handler runs and answers a segment that
// does not decode with its plain-text 500, so the URL rule has to be applied here for them.
// Everything else about a JSON request (our request id, its headers) is route()'s: a path
// that passes goes on untouched.
function apiPathWithPercent(request: NextRequest): NextResponse {
  const refusal = urlRefusal(new URL(request.url));
  if (!refusal) return NextResponse.next();
  const requestId = newRequestId();
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const headers = { ...apiSecurityHeaders({ https, production: process.env.NODE_ENV === "production" }), "cache-control": "no-store", [REQUEST_ID_HEADER]: requestId };
  return NextResponse.json({ error: "validation_error", message: refusal.message, fields: refusal.fields, request_id: requestId }, { status: 400, headers });
}

type Refusal = [status: number, error: ErrorCode, message: string, extra?: Record<string, unknown>];

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=[^;\s]/;

// proxy.ts cannot read lib/env (it runs before the app's server modules): the two settings
// the same-origin rule needs, with lib/env's defaults.
const originPolicy = () => ({ appUrl: process.env.APP_URL || "http://localhost:3000", trustProxy: Number(process.env.TRUST_PROXY || 0) || 0 });

async function refuse(request: NextRequest): Promise<Refusal | null> {
  const refusal = urlRefusal(new URL(request.url));
  if (refusal) return [400, "validation_error", refusal.message, { fields: refusal.fields }];
  if (request.method !== "POST") return null;

  // A post to a page is a server action (with JavaScript: a Next-Action header; without: a
  // multipart form naming the action). Cross-site ones are refused like the routes'.
  const hasSessionCookie = SESSION_COOKIE.test(request.headers.get("cookie") ?? "");
  if (isCrossSiteWrite({ method: request.method, headers: request.headers, hasSessionCookie }, originPolicy())) {
    return [403, "csrf_rejected", "Cross-site request refused; send it from the app"];
  }
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) {
    try {
      await request.clone().formData();
    } catch {
      return [400, "validation_error", "The form data could not be read", { fields: { body: "malformed multipart/form-data" } }];
    }
  }
  return null;
}

export const config = {
  // Static files from public/ need no request id, nonce or session; /api/* sets its own,
  // except that its paths holding a "%" come here for the URL rule (apiPathWithPercent).
  matcher: ["/((?!api/(?!.*%)|_next/static|_next/image|favicon\\.ico|favicon\\.svg|apple-touch-icon\\.png|robots\\.txt).*)"],
};
