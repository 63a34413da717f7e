import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { pageInfo, pageWindow } from "@/lib/http/pagination";
import type { AuditEvent, Prisma } from "@/lib/generated/prisma/client";
import type { AuditEventJson, AuditPage } from "@/lib/openapi/schemas";

// Years 1..9999 only: JavaScript parses "-200000-01-01T00:00:00Z" or "+275760-…" happily,
// but the database driver cannot send such a date (it was a 500).
const isoDate = (field: string) =>
  z
    .string()
    .refine((v) => {
      const year = new Date(Date.parse(v)).getUTCFullYear();
      return year >= 1 && year <= 9999;
    }, `${field} must be an ISO date or date-time between the years 1 and 9999`)
    .transform((v) => new Date(v))
    .optional();

export const auditQuerySchema = z.object({
  type: z.string().trim().max(64).optional(),
  user: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  outcome: z.enum(["success", "failure"], { error: "outcome must be success or failure" }).optional(),
  request_id: z.string().trim().max(128).optional(),
  from: isoDate("from"),
  to: isoDate("to"),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(100_000).default(1),
  page_size: z.coerce.number({ error: "page_size must be a number" }).int().min(1).max(200).default(50),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** `user` matches events about the user (target) or by them (actor). */
export async function queryAudit(q: AuditQuery): Promise<AuditPage> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.type) and.push({ type: q.type });
  if (q.user) and.push({ OR: [{ targetUserId: q.user }, { actorId: q.user }] });
  if (q.actor) and.push({ actorId: q.actor });
  if (q.outcome) and.push({ outcome: q.outcome });
  if (q.request_id) and.push({ requestId: q.request_id });
  if (q.from) and.push({ createdAt: { gte: q.from } });
  if (q.to) and.push({ createdAt: { lte: q.to } });
  const where = { AND: and };
  const [total, events] = await Promise.all([
    prisma().auditEvent.count({ where }),
    prisma().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(q.page, q.page_size),
    }),
  ]);
  return {
    ...pageInfo(total, q.page, q.page_size),
    events: events.map(auditEventJson),
  };
}

/** An audit event as the JSON API shows it (GET /api/audit, GET /api/requests/{id}). */
export function auditEventJson(e: AuditEvent): AuditEventJson {
  return {
    id: e.id,
    type: e.type,
    outcome: e.outcome,
    actor_id: e.actorId,
    target_user_id: e.targetUserId,
    ip: e.ip,
    user_agent: e.userAgent,
    request_id: e.requestId,
    metadata: e.metadata,
    created_at: e.createdAt.toISOString(),
  };
}
