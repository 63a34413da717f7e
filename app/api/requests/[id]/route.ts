import { auditEventJson } from "@/lib/audit/query";
import { prisma } from "@/lib/db/client";
import { ApiError, jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { findRequest } from "@/lib/observability/request-log";
import { requestTraceSchema } from "@/lib/openapi/schemas";

/**
 * One request, by the id every response carries (X-Request-Id, the "Reference" users see):
 * how this instance answered it (method, route, status, duration; kept in memory, about the
 * last hour) and the audit events it wrote (from the database, any instance). For
 * `cli debug --trace-request`. 404 when neither knows it.
 */
export const GET = route({ access: "requests:read", summary: "One request by its reference: how it was answered and its audit events", params: ["id"], responses: { 200: requestTraceSchema }, errors: ["not_found"] }, async ({ params: { id } }) => {
  const entry = findRequest(id);
  const events = await prisma().auditEvent.findMany({
    where: { requestId: id },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  if (!entry && events.length === 0) throw new ApiError("not_found", "No request with that id on this instance or in the audit trail");
  return jsonResponse(
    {
      request_id: id,
      request: entry ? { started_at: new Date(entry.at).toISOString(), method: entry.method, route: entry.route, status: entry.status, duration_ms: Math.round(entry.ms * 10) / 10 } : null,
      events: events.map(auditEventJson),
    },
    200,
  );
});
