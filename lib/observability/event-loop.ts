import "server-only";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

const globalForLoop = globalThis as unknown as { latchkeyLoopDelay?: IntervalHistogram };

/** Event-loop delay since the last reset, in milliseconds (for `npm run bench:storm`). */
export function readEventLoopDelay(reset: boolean) {
  if (!globalForLoop.latchkeyLoopDelay) {
    globalForLoop.latchkeyLoopDelay = monitorEventLoopDelay({ resolution: 10 });
    globalForLoop.latchkeyLoopDelay.enable();
  }
  const h = globalForLoop.latchkeyLoopDelay;
  const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
  const stats = { p50_ms: ms(h.percentile(50)), p99_ms: ms(h.percentile(99)), max_ms: ms(h.max), samples: h.count };
  if (reset) h.reset();
  return stats;
}
