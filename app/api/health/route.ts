import { checkHealth } from "@/lib/health";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { healthSchema } from "@/lib/openapi/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public", summary: "Readiness: the database check (503 when degraded)", responses: { 200: healthSchema, 503: healthSchema } }, async ({ ctx }) => {
  const health = await checkHealth();
  return jsonResponse(health, health.status === "ok" ? 200 : 503, ctx.requestId);
});
