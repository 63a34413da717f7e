import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestContext } from "@/lib/http/request-context";
import { log } from "@/lib/log";

export type AuditType =
  | "login"
  | "logout"
  | "register"
  | "session_revoked"
  | "session_refreshed"
  | "lockout"
  | "rate_limited"
  | "password_changed"
  | "password_reset_requested"
  | "password_reset_completed"
  | "unlock"
  | "role_changed"
  | "user_deactivated"
  | "user_reactivated"
  | "user_deleted"
  | "data_export"
  | "profile_updated"
  | "user_created"
  | "pruned"
  | "factor_added"
  | "factor_removed"
  | "recovery_codes_created"
  | "recovery_code_used"
  | "factors_reset"
  | "reauthenticated"
  | "mail_retried"
  | "mail_dropped";

export interface AuditInput {
  type: AuditType;
  outcome: "success" | "failure";
  ctx: RequestContext;
  actorId?: string | null;
  targetUserId?: string | null;
  email?: string | null;
  /** Never passwords or tokens: reasons, ids and counts only. */
  metadata?: Prisma.InputJsonValue;
}

/** Emails in logs and audit rows are hashed so the trail can be searched without storing addresses twice. */
export function hashEmail(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export async function recordAudit(input: AuditInput): Promise<void> {
  const { ctx } = input;
  await prisma().auditEvent.create({
    data: {
      type: input.type,
      outcome: input.outcome,
      actorId: input.actorId ?? null,
      targetUserId: input.targetUserId ?? null,
      emailHash: input.email ? hashEmail(input.email) : null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      metadata: input.metadata,
    },
  });
  log.info(
    {
      request_id: ctx.requestId,
      user_id: input.actorId ?? input.targetUserId ?? null,
      event: input.type,
      outcome: input.outcome,
      context: input.metadata ?? null,
    },
    `audit ${input.type} ${input.outcome}`,
  );
}
