import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { mailQueueStats } from "@/lib/mail/stats";
import { metrics } from "@/lib/observability/metrics";

/** Prometheus text for this instance (see lib/observability/metrics.ts). */
export const GET = route({ access: { permission: "metrics:read", orMetricsToken: true }, summary: "Prometheus metrics of this instance", responses: { 200: { contentType: "text/plain", description: "Prometheus text exposition format" } } }, async () => {
  const m = metrics();
  m.activeSessions.set(await prisma().session.count({ where: { expires: { gt: new Date() } } }));
  m.mailQueueDepth.set((await mailQueueStats()).depth);
  return new Response(await m.registry.metrics(), {
    status: 200,
    headers: { "content-type": m.registry.contentType, "cache-control": "no-store" },
  });
});
