import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const GET = route({ access: "audit:read", query: auditQuerySchema }, async ({ ctx, query }) =>
  jsonResponse(await queryAudit(query), 200, ctx.requestId),
);
