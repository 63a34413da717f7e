import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { pingSchema } from "@/lib/openapi/schemas";

// Liveness without touching the database (GET /api/health checks the database). Also the
// no-op baseline of `npm run bench:session`: the same proxy and route wrapper as every API call.
export const GET = route({ access: "public", summary: "Liveness (no database)", responses: { 200: pingSchema } }, async () => jsonResponse({ status: "ok" }, 200));
