import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/audit";
import { requireApiSession } from "@/lib/auth/guards";
import { revokeSession } from "@/lib/auth/sessions";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const DELETE = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  if (!(await revokeSession(session.user.id, id))) throw notFound("Session");
  await recordAudit({ type: "session_revoked", outcome: "success", ctx, actorId: session.user.id, targetUserId: session.user.id, metadata: { sessionId: id } });
  return new NextResponse(null, { status: 204 });
});
