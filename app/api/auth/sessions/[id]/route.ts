import { NextResponse } from "next/server";
import { revokeSession } from "@/lib/auth/session-changes";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const DELETE = route({ access: "account:use", params: ["id"] }, async ({ ctx, auth: { session }, params }) => {
  if (!(await revokeSession(session.user.id, params.id, session.user.id, ctx))) throw notFound("Session");
  return new NextResponse(null, { status: 204 });
});
