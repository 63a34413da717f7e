import { checkHealth } from "@/lib/health";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ ctx }) => {
  const health = await checkHealth();
  return jsonResponse(health, health.status === "ok" ? 200 : 503, ctx.requestId);
});
