import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { errorResponse, notFound } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";

// Auth.js' own endpoints (session, csrf, providers). Password sign-in lives in
// /api/auth/login and the /login server action, not here. Auth.js' sign-out is not
// reachable: it would delete the session with no audit event and no rate limit, so
// /api/auth/signout answers 404 and signing out goes through POST /api/auth/logout or the
// Sign out button (both lib/auth/session-changes.ts signOut).
const CLOSED_ACTIONS = new Set(["signout"]);

function closed(req: NextRequest): Response | null {
  const action = req.nextUrl.pathname.split("/")[3];
  return CLOSED_ACTIONS.has(action) ? errorResponse(notFound(), contextFromHeaders(req.headers).requestId) : null;
}

export const GET = async (req: NextRequest) => closed(req) ?? handlers.GET(req);
export const POST = async (req: NextRequest) => closed(req) ?? handlers.POST(req);
