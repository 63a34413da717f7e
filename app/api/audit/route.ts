import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { auditPageSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: "audit:read", summary: "Search the audit log (newest first)", query: auditQuerySchema, responses: { 200: auditPageSchema } }, async ({ query }) =>
  jsonResponse(await queryAudit(query), 200),
);
