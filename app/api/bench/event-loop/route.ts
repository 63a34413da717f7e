import { getHeapStatistics } from "node:v8";
import { embeddedDatabaseBytes } from "@/lib/db/client";
import { env } from "@/lib/env";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { readEventLoopDelay } from "@/lib/observability/event-loop";

const mb = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1048576) * 10) / 10);

// Exposed only for benchmark runs (BENCH_HOOKS=1); 404 otherwise. ?memory=1 adds where the
// main thread's memory is (V8 heap, external and array buffers, the embedded database's
// WebAssembly memory) for the memory figures of bench:storm.
export const GET = route({ access: "public" }, async ({ req }) => {
  if (!env.BENCH_HOOKS) throw notFound();
  const params = new URL(req.url).searchParams;
  const delay = readEventLoopDelay(params.get("reset") === "1");
  if (params.get("memory") !== "1") return jsonResponse(delay, 200);
  const m = process.memoryUsage();
  const heap = getHeapStatistics();
  const memory = {
    rss_mb: mb(m.rss),
    heap_used_mb: mb(m.heapUsed),
    heap_total_mb: mb(m.heapTotal),
    heap_limit_mb: mb(heap.heap_size_limit),
    external_mb: mb(m.external),
    array_buffers_mb: mb(m.arrayBuffers),
    embedded_db_wasm_mb: mb(embeddedDatabaseBytes()),
  };
  return jsonResponse({ ...delay, memory }, 200);
});
