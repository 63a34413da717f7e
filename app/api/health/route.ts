import { checkHealth } from "@/lib/health";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Not counted against the per-IP limit: load balancers poll it from one address.
export const GET = route({ access: "public", ipLimit: false }, async ({ ctx }) => {
  const health = await checkHealth();
  return jsonResponse(health, health.status === "down" ? 503 : 200, ctx.requestId);
});
