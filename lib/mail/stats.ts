import "server-only";
import { prisma } from "@/lib/db/client";

export interface MailQueueStats {
  /** Mail queued and not yet delivered (every instance's). */
  depth: number;
  /** Age in seconds of the oldest queued mail; null when the queue is empty. */
  oldest_undelivered_age_s: number | null;
  /** Mail that failed its last try and waits for an admin (retry or drop at /admin/mail). */
  dead: number;
}

/** For /api/health (information only: a backlog is not an outage) and the mail_queue_depth gauge. */
export async function mailQueueStats(now = new Date()): Promise<MailQueueStats> {
  const [depth, dead, oldest] = await Promise.all([
    prisma().mailMessage.count({ where: { status: "queued" } }),
    prisma().mailMessage.count({ where: { status: "dead" } }),
    prisma().mailMessage.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return {
    depth,
    dead,
    oldest_undelivered_age_s: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null,
  };
}
