import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Who may read metrics (GET /api/metrics, /api/metrics/summary): Prometheus with
// `Authorization: Bearer $METRICS_TOKEN`, or a signed-in holder of metrics:read (the routes
// declare `{ permission: "metrics:read", orMetricsToken: true }`).

const digest = (s: string) => createHash("sha256").update(s).digest();

export function isMetricsToken(token: string | undefined): boolean {
  return Boolean(env.METRICS_TOKEN && token && timingSafeEqual(digest(token), digest(env.METRICS_TOKEN)));
}
