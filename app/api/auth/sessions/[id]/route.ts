import { NextResponse } from "next/server";
import { revokeSession } from "@/lib/auth/session-changes";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const DELETE = route({ access: "account:use", summary: "Sign out one of one's own sessions", params: ["id"], responses: { 204: null }, errors: ["not_found"] }, async ({ ctx, auth: { session }, params }) => {
  if (!(await revokeSession(session.user.id, params.id, session.user.id, ctx))) throw notFound("Session");
  return new NextResponse(null, { status: 204 });
});
