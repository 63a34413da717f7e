import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { assertRole } from "@/lib/auth/authorize";
import { bearerToken, requireApiSession } from "@/lib/auth/guards";
import { env } from "@/lib/env";

// Who may read metrics (GET /api/metrics, /api/metrics/summary): Prometheus with
// `Authorization: Bearer $METRICS_TOKEN`, or a signed-in admin. Anyone else: 401 (no or
// unknown token) or 403 (not admin).

const digest = (s: string) => createHash("sha256").update(s).digest();

function isMetricsToken(token: string | undefined): boolean {
  return Boolean(env.METRICS_TOKEN && token && timingSafeEqual(digest(token), digest(env.METRICS_TOKEN)));
}

export async function requireMetricsReader(req: Request): Promise<void> {
  if (isMetricsToken(bearerToken(req))) return;
  const { session } = await requireApiSession(req);
  assertRole(session, "admin");
}
