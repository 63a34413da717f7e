import { createHash, timingSafeEqual } from "node:crypto";
import { assertRole } from "@/lib/auth/authorize";
import { bearerToken, requireApiSession } from "@/lib/auth/guards";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { metrics } from "@/lib/observability/metrics";

// Prometheus text for this instance: scraped with `Authorization: Bearer $METRICS_TOKEN`,
// or read by a signed-in admin. Anyone else: 401 (no or unknown token) or 403 (not admin).

const digest = (s: string) => createHash("sha256").update(s).digest();

function isMetricsToken(token: string | undefined): boolean {
  return Boolean(env.METRICS_TOKEN && token && timingSafeEqual(digest(token), digest(env.METRICS_TOKEN)));
}

export const GET = route(async (req) => {
  if (!isMetricsToken(bearerToken(req))) {
    const { session } = await requireApiSession(req);
    assertRole(session, "admin");
  }
  const m = metrics();
  m.activeSessions.set(await prisma().session.count({ where: { expires: { gt: new Date() } } }));
  return new Response(await m.registry.metrics(), {
    status: 200,
    headers: { "content-type": m.registry.contentType, "cache-control": "no-store" },
  });
});
