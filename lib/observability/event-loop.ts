import "server-only";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

const globalForLoop = globalThis as unknown as { latchkeyLoopDelay?: IntervalHistogram };

const RESOLUTION_MS = 10;

/**
 * Event-loop delay since the last reset, in milliseconds (for `npm run bench:storm`). The
 * histogram records whole timer intervals (an idle loop reads ~10 ms at a 10 ms
 * resolution), so the resolution is subtracted: 0 means no delay.
 */
export function readEventLoopDelay(reset: boolean) {
  if (!globalForLoop.latchkeyLoopDelay) {
    globalForLoop.latchkeyLoopDelay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    globalForLoop.latchkeyLoopDelay.enable();
  }
  const h = globalForLoop.latchkeyLoopDelay;
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  const stats = { p50_ms: ms(h.percentile(50)), p99_ms: ms(h.percentile(99)), max_ms: ms(h.max), samples: h.count };
  if (reset) h.reset();
  return stats;
}
