import { recordAudit } from "@/lib/audit/audit";
import { assertSelfOr } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { exportUserData } from "@/lib/users/account";

export const GET = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertSelfOr(session, id, "admin");
  const data = await exportUserData(id);
  await recordAudit({ type: "data_export", outcome: "success", ctx, actorId: session.user.id, targetUserId: id });
  const day = new Date().toISOString().slice(0, 10);
  return jsonResponse(data, 200, ctx.requestId, { "content-disposition": `attachment; filename="latchkey-export-${day}.json"` });
});
