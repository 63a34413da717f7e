import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { assertRole } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { readQuery } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const GET = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  assertRole(session, "support", "admin");
  return jsonResponse(await queryAudit(readQuery(req, auditQuerySchema)), 200, ctx.requestId);
});
