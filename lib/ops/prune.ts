import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";

// Housekeeping (SPEC 8 "prune audit data"): removes what can no longer be used and audit
// events past their retention. Run by `npm run cli -- prune`; safe to run at any time and
// as often as wanted (each step is one DELETE of rows that nothing reads any more).

export interface PruneOptions {
  /** Audit events older than this many days are deleted. */
  auditRetentionDays: number;
  /** Outbox / sent-mail records older than this many days are deleted. */
  mailRetentionDays: number;
  now?: Date;
}

export interface PruneResult {
  sessions: number;
  reset_tokens: number;
  verification_tokens: number;
  rate_limits: number;
  mail_messages: number;
  audit_events: number;
}

const DAY_MS = 24 * 3600 * 1000;

export async function prune(opts: PruneOptions, ctx: RequestContext): Promise<PruneResult> {
  const now = opts.now ?? new Date();
  const db = prisma();
  // Past their sliding expiry, or older than the absolute lifetime (resolveSession refuses both).
  const sessions = await db.session.deleteMany({
    where: { OR: [{ expires: { lt: now } }, { createdAt: { lt: new Date(now.getTime() - env.SESSION_ABSOLUTE_TIMEOUT_S * 1000) } }] },
  });
  // Used tokens expire like the others (30 minutes): until then they answer "already used".
  const resetTokens = await db.passwordResetToken.deleteMany({ where: { expires: { lt: now } } });
  // Auth.js' tokens and our email links (verification, email change), used or not.
  const verificationTokens = await db.verificationToken.deleteMany({ where: { expires: { lt: now } } });
  const emailLinks = await db.emailToken.deleteMany({ where: { expires: { lt: now } } });
  // Counters whose window is over (rate-limiter-flexible treats them as absent already).
  const rateLimits = await db.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } });
  // Queued mail is still to be delivered (SPEC 12: never lost), however old.
  const mail = await db.mailMessage.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - opts.mailRetentionDays * DAY_MS) }, status: { not: "queued" } },
  });
  const audit = await db.auditEvent.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - opts.auditRetentionDays * DAY_MS) } } });
  const result: PruneResult = {
    sessions: sessions.count,
    reset_tokens: resetTokens.count,
    verification_tokens: verificationTokens.count + emailLinks.count,
    rate_limits: rateLimits.count,
    mail_messages: mail.count,
    audit_events: audit.count,
  };
  await recordAudit({
    type: "pruned",
    outcome: "success",
    ctx,
    metadata: { ...result, audit_retention_days: opts.auditRetentionDays, mail_retention_days: opts.mailRetentionDays },
  });
  return result;
}
