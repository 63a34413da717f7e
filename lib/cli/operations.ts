import { describeAuditEvent } from "@/lib/audit/describe";
import { formatUtc } from "@/lib/format/time";
import type { RequestSummary, RequestTrace } from "@/lib/openapi/schemas";
import { callApi, type Instance } from "./http-client";

export type { RequestSummary, RequestTrace };

// `metrics --last` and `debug --trace-request`: the calls and their text for a terminal.
// The answers' types are the API's (lib/openapi/schemas.ts, which the OpenAPI document is built from).

export function fetchSummary(instance: Instance, last: string): Promise<RequestSummary> {
  return callApi(instance, "GET", `/api/metrics/summary?${new URLSearchParams({ last })}`, { forbidden: "this token's user is not an admin (metrics need an admin or METRICS_TOKEN)" });
}

export function fetchTrace(instance: Instance, requestId: string): Promise<RequestTrace> {
  return callApi(instance, "GET", `/api/requests/${encodeURIComponent(requestId)}`, { notFound: "no such request: not in this instance's recent requests nor in the audit trail" });
}

const ms = (n: number | null) => (n === null ? "-" : `${n} ms`);

export function formatSummary(s: RequestSummary, last: string): string {
  const lines = [
    `JSON API requests in the last ${last} on this instance (${formatUtc(new Date(s.from))} to ${formatUtc(new Date(s.to))})`,
    `  total         ${s.total}`,
    `  success rate  ${s.success_rate === null ? "-" : `${s.success_rate} %`} (2xx/3xx)`,
    `  latency       p50 ${ms(s.latency_ms.p50)}, p95 ${ms(s.latency_ms.p95)}, p99 ${ms(s.latency_ms.p99)}`,
    `  by status     ${Object.entries(s.by_status).map(([status, n]) => `${status}: ${n}`).join(", ") || "-"}`,
    "",
    "Errors",
    ...(s.errors.length ? s.errors.map((e) => `  ${String(e.count).padStart(6)}  ${e.status}  ${e.route}`) : ["  none"]),
    "",
    "Top endpoints",
    ...(s.top_routes.length ? s.top_routes.map((r) => `  ${String(r.count).padStart(6)}  p95 ${ms(r.p95_ms).padEnd(10)}  ${r.route}`) : ["  none"]),
  ];
  return lines.join("\n");
}

/** The request, then each audit event it wrote with its offset from the request's start. */
export function formatTrace(t: RequestTrace): string {
  const start = t.request ? Date.parse(t.request.started_at) : t.events.length ? Date.parse(t.events[0].created_at) : 0;
  const head = t.request
    ? `${t.request.method} ${t.request.route} -> ${t.request.status} in ${t.request.duration_ms} ms, started ${formatUtc(new Date(t.request.started_at))}`
    : "not in this instance's recent requests (another instance, or older); its audit events:";
  const steps = t.events.map((e) => `  +${String(Math.max(0, Date.parse(e.created_at) - start)).padStart(5)} ms  ${describeAuditEvent(e)}${e.ip ? `  (${e.ip})` : ""}`);
  return [`Request ${t.request_id}`, `  ${head}`, ...(steps.length ? steps : ["  no audit events"])].join("\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "?");
}
