import { env } from "@/lib/env";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { readEventLoopDelay } from "@/lib/observability/event-loop";

// Exposed only for benchmark runs (BENCH_HOOKS=1); 404 otherwise.
export const GET = route({ access: "public" }, async ({ req, ctx }) => {
  if (!env.BENCH_HOOKS) throw notFound();
  const reset = new URL(req.url).searchParams.get("reset") === "1";
  return jsonResponse(readEventLoopDelay(reset), 200, ctx.requestId);
});
