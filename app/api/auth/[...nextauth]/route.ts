import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { withApiHeaders } from "@/lib/http/api-headers";
import { errorResponse, notFound } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";

// Auth.js' own endpoints (session, csrf, providers). Password sign-in lives in
// /api/auth/login and the /login server action, not here. Auth.js' sign-out is not
// reachable: it would delete the session with no audit event and no rate limit, so
// /api/auth/signout answers 404 and signing out goes through POST /api/auth/logout or the
// Sign out button (both lib/auth/session-changes.ts signOut). Not a route(): its answers get
// the API headers (request id, no-store, security headers) here, as proxy.ts skips /api.
const CLOSED_ACTIONS = new Set(["signout"]);

async function handle(req: NextRequest, handler: (req: NextRequest) => Promise<Response>): Promise<Response> {
  const { requestId } = contextFromHeaders(req.headers);
  const action = req.nextUrl.pathname.split("/")[3];
  const res = CLOSED_ACTIONS.has(action) ? errorResponse(notFound(), requestId) : await handler(req);
  return withApiHeaders(res, req, requestId);
}

export const GET = (req: NextRequest) => handle(req, handlers.GET);
export const POST = (req: NextRequest) => handle(req, handlers.POST);
