import "server-only";
import { createHash, createHmac } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
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
  | "mail_dropped"
  | "account_linked"
  | "account_unlinked"
  | "email_verification_sent"
  | "email_verified"
  | "email_change_requested"
  | "email_changed";

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

let emailKey: Buffer | undefined;

/**
 * Emails in logs, audit rows and limit keys are hashed so the trail can be searched without
 * storing addresses twice. The hash is keyed (HMAC-SHA-256 with a key derived from
 * AUTH_SECRET), so someone holding a log or a database dump cannot confirm a guessed
 * address by hashing it. Versioned ("h1:"): rows written before were plain SHA-256 hex,
 * which emailHashes() still matches.
 */
export function hashEmail(email: string): string {
  emailKey ??= createHmac("sha256", authSecret()).update("latchkey email hash v1").digest();
  return `h1:${createHmac("sha256", emailKey).update(normalize(email)).digest("hex")}`;
}

/** Every hash an email's audit rows may carry: the keyed one, and the unkeyed SHA-256 of rows from before it. */
export function emailHashes(email: string): string[] {
  return [hashEmail(email), createHash("sha256").update(normalize(email)).digest("hex")];
}

const normalize = (email: string) => email.trim().toLowerCase();

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
