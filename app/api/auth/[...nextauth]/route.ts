import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { withApiHeaders } from "@/lib/http/api-headers";
import { assertUrl } from "@/lib/http/body";
import { errorResponse, notFound } from "@/lib/http/errors";
import { apiContextFromHeaders } from "@/lib/http/request-context";
import { withRequestScope } from "@/lib/http/request-scope";
import { log } from "@/lib/log";
import { limitByIp } from "@/lib/security/rate-limit";

// Auth.js' own endpoints (session, csrf, providers, and the OAuth sign-in and callback
// routes: federated sign-in, lib/federation/callback.ts decides). Password sign-in lives in /api/auth/login and the /login server action, not here.
// - Auth.js' sign-out is not reachable: it would delete the session with no audit event and
//   no rate limit, so /api/auth/signout answers 404 and signing out goes through POST
//   /api/auth/logout or the Sign out button (both lib/auth/session-changes.ts signOut).
// - Every request counts against the /api/* per-IP limit like our own routes.
// - The session cookie is ours (lib/auth/session-cookie.ts: kept for the absolute lifetime,
//   the idle timeout enforced on the server). Auth.js' session endpoint re-sends it with an
//   expiry of now + maxAge (the 30-minute idle timeout), which would cut a browser's
//   session short; that Set-Cookie is dropped (from the session endpoint only).
// - Not a route(), so it applies route()'s entry rules itself, as proxy.ts skips /api/*: our
//   own request id (the client's only logged), the URL rule (lib/http/url-rules.ts), and on
//   every answer the API headers (request id, no-store, security headers: api-headers.ts).
const CLOSED_ACTIONS = new Set(["signout"]);

async function handle(req: NextRequest, handler: (req: NextRequest) => Promise<Response>): Promise<Response> {
  const ctx = apiContextFromHeaders(req.headers);
  if (ctx.clientRequestId) log.info({ request_id: ctx.requestId, client_request_id: ctx.clientRequestId }, "client request id");
  const action = req.nextUrl.pathname.split("/")[3];
  let res: Response;
  try {
    assertUrl(req);
    if (CLOSED_ACTIONS.has(action)) throw notFound();
    await limitByIp("apiIp", ctx);
    res = await withRequestScope(ctx, () => handler(req));
  } catch (err) {
    res = errorResponse(err, ctx.requestId);
  }
  return withApiHeaders(action === "session" ? withoutSessionCookie(res) : withReference(res, ctx.requestId), req, ctx.requestId);
}

/**
 * Auth.js sends its errors (a provider that cannot be reached, a user who cancelled at the
 * provider) to /login?error=<type>; the request id goes along as the reference the page
 * shows, the same one the log line carries.
 */
function withReference(res: Response, requestId: string): Response {
  const location = res.headers.get("location");
  if (!location) return res;
  const url = new URL(location, "http://x");
  if (url.pathname !== "/login" || !url.searchParams.has("error") || url.searchParams.has("ref")) return res;
  url.searchParams.set("ref", requestId);
  const headers = new Headers(res.headers);
  headers.set("location", /^https?:/.test(location) ? url.toString() : url.pathname + url.search);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function withoutSessionCookie(res: Response): Response {
  const cookies = res.headers.getSetCookie();
  const ours = cookies.filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!ours.length) return res;
  const headers = new Headers(res.headers);
  headers.delete("set-cookie");
  for (const c of cookies) if (!ours.includes(c)) headers.append("set-cookie", c);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export const GET = (req: NextRequest) => handle(req, handlers.GET);
export const POST = (req: NextRequest) => handle(req, handlers.POST);
