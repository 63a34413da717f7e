import { checkHealth } from "@/lib/health";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { healthSchema } from "@/lib/openapi/schemas";

export const dynamic = "force-dynamic";

// Not counted against the per-IP limit: load balancers poll it from one address.
export const GET = route({ access: "public", ipLimit: false, summary: "Readiness: each check (503 when the database is down)", responses: { 200: healthSchema, 503: healthSchema } }, async () => {
  const health = await checkHealth();
  return jsonResponse(health, health.status === "down" ? 503 : 200);
});
