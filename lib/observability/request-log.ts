import "server-only";
import { env } from "@/lib/env";
import type { RequestSummary } from "@/lib/openapi/schemas";

// The last hour or so of JSON API requests of this instance, in memory: what
// `cli metrics --last 1h` summarises and `cli debug --trace-request` looks up. Nothing is
// written to the database on the request path (the hot paths stay lean); the price is that
// each instance knows only its own requests and forgets them on restart. Bounded: the
// oldest entries go first once REQUEST_LOG_SIZE is reached.

export interface RequestEntry {
  /** When the request started (epoch ms). */
  at: number;
  requestId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
}

const holder = globalThis as unknown as { latchkeyRequestLog?: { entries: (RequestEntry | undefined)[]; next: number; size: number } };

function ring(size = env.REQUEST_LOG_SIZE) {
  holder.latchkeyRequestLog ??= { entries: new Array(size), next: 0, size };
  return holder.latchkeyRequestLog;
}

export function recordRequest(entry: RequestEntry): void {
  const r = ring();
  r.entries[r.next] = entry;
  r.next = (r.next + 1) % r.size;
}

/** Entries that started at or after `since`, oldest first. */
export function requestsSince(since: number): RequestEntry[] {
  const r = ring();
  const out: RequestEntry[] = [];
  for (let i = 0; i < r.size; i++) {
    const e = r.entries[(r.next + i) % r.size];
    if (e && e.at >= since) out.push(e);
  }
  return out;
}

export function findRequest(requestId: string): RequestEntry | undefined {
  const r = ring();
  return r.entries.find((e) => e?.requestId === requestId);
}

/** Forgets everything (tests). */
export function resetRequestLog(size?: number): void {
  holder.latchkeyRequestLog = undefined;
  ring(size);
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** The summary's shape is the API's (lib/openapi/schemas.ts requestSummarySchema); success_rate counts a 401 for a wrong password against it. */
export type { RequestSummary };

/** Totals, success rate, latency percentiles, error breakdown and busiest routes over the entries. */
export function summarize(entries: RequestEntry[], from: number, to: number): RequestSummary {
  const sorted = entries.map((e) => e.ms).sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  const errors = new Map<string, { status: number; route: string; count: number }>();
  const routes = new Map<string, number[]>();
  for (const e of entries) {
    byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    if (e.status >= 400) {
      const errorKey = `${e.status} ${e.method} ${e.route}`;
      const row = errors.get(errorKey) ?? { status: e.status, route: `${e.method} ${e.route}`, count: 0 };
      row.count++;
      errors.set(errorKey, row);
    }
    const key = `${e.method} ${e.route}`;
    const times = routes.get(key);
    if (times) times.push(e.ms);
    else routes.set(key, [e.ms]);
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    total: entries.length,
    success_rate: entries.length ? round1((100 * entries.filter((e) => e.status < 400).length) / entries.length) : null,
    latency_ms: { p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)), p99: round1(percentile(sorted, 99)) },
    by_status: byStatus,
    errors: [...errors.values()].sort((a, b) => b.count - a.count),
    top_routes: [...routes.entries()]
      .map(([route, ms]) => ({ route, count: ms.length, p95_ms: round1(percentile([...ms].sort((a, b) => a - b), 95)) }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
  };
}
