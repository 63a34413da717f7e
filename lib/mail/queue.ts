import "server-only";
import { hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { nextAttemptAfterFailure } from "./backoff";
import { decryptBody, encryptBody } from "./body-crypto";
import type { Mail } from "./mail";
import { transport } from "./transport";

// The durable mail queue (SPEC 12). A mail is a row first ("queued", body encrypted); a
// worker claims a due row in one statement (FOR UPDATE SKIP LOCKED: two instances never
// claim the same row), sends it, and marks it sent (body erased) or schedules the retry.
// A claim is a lease: a worker that dies mid-send leaves the row due again at leaseUntil.

export interface ClaimedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  attempts: number;
}

export type DeliveryResult = "sent" | "retry" | "dead";

/** Stores the mail as a queued row, due now; returns its id. */
export async function enqueueMail(mail: Mail, now = new Date()): Promise<string> {
  const row = await prisma().mailMessage.create({
    data: {
      to: mail.to,
      subject: mail.subject,
      kind: mail.kind,
      text: encryptBody(mail.text, mail.to),
      html: encryptBody(mail.html, mail.to),
      status: "queued",
      nextAttemptAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Claims up to `limit` due rows (or only row `id`) for this worker until now + MAIL_LEASE_S,
 * counting the attempt. Rows another worker is claiming right now are skipped, not waited for.
 */
export async function claimDueMail(opts: { now?: Date; limit?: number; id?: string } = {}): Promise<ClaimedMail[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + env.MAIL_LEASE_S * 1000);
  const onlyId = opts.id ? Prisma.sql`AND "id" = ${opts.id}` : Prisma.empty;
  return prisma().$queryRaw<ClaimedMail[]>`
    UPDATE "MailMessage" SET "attempts" = "attempts" + 1, "leaseUntil" = ${leaseUntil}
    WHERE "id" IN (
      SELECT "id" FROM "MailMessage"
      WHERE "status" = 'queued' AND "nextAttemptAt" <= ${now}
        AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now}) ${onlyId}
      ORDER BY "nextAttemptAt"
      LIMIT ${opts.limit ?? 1}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "to", "subject", "text", "html", "kind", "attempts"`;
}

// Every update after a send is fenced on (status, attempts): a worker whose lease ran out
// and whose row was claimed again cannot overwrite the newer claim's outcome.
const fence = (mail: ClaimedMail) => ({ id: mail.id, status: "queued", attempts: mail.attempts });

async function markSent(mail: ClaimedMail, now: Date): Promise<void> {
  await prisma().mailMessage.updateMany({
    where: fence(mail),
    data: { status: "sent", sentAt: now, text: "", html: "", error: null, leaseUntil: null, nextAttemptAt: null },
  });
  metrics().mailSent.inc({ kind: mail.kind });
  log.info({ mail_id: mail.id, mail_to: hashEmail(mail.to), kind: mail.kind, attempts: mail.attempts }, "mail sent");
}

async function markFailed(mail: ClaimedMail, error: string, now: Date, final = false): Promise<DeliveryResult> {
  const next = final ? null : nextAttemptAfterFailure(mail.attempts, env.MAIL_RETRY_SCHEDULE_S, now);
  // Dead mail keeps its (encrypted) body so that an admin can retry it from /admin/mail.
  await prisma().mailMessage.updateMany({
    where: fence(mail),
    data: { status: next ? "queued" : "dead", error: error.slice(0, 500), leaseUntil: null, nextAttemptAt: next },
  });
  const result = next ? "retry" : "dead";
  metrics().mailFailed.inc({ kind: mail.kind, outcome: result });
  const fields = { mail_id: mail.id, mail_to: hashEmail(mail.to), kind: mail.kind, attempts: mail.attempts, error, next_attempt_at: next?.toISOString() ?? null };
  if (next) log.warn(fields, "mail not sent; will retry");
  else log.error(fields, "mail not sent; giving up (dead)");
  return result;
}

/** Sends one claimed mail and records the outcome. Never throws for a refused send. */
export async function deliverClaimed(mail: ClaimedMail, now = () => new Date()): Promise<DeliveryResult> {
  let text: string, html: string;
  try {
    text = decryptBody(mail.text, mail.to);
    html = decryptBody(mail.html, mail.to);
  } catch {
    return markFailed(mail, "the body cannot be decrypted (was AUTH_SECRET changed?)", now(), true);
  }
  try {
    await transport().sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text, html });
  } catch (err) {
    return markFailed(mail, err instanceof Error ? err.message : String(err), now());
  }
  await markSent(mail, now());
  return "sent";
}

/** One pass of a worker: claims and delivers due mail one at a time, up to `max`; returns how many it handled. */
export async function runMailQueueOnce(opts: { now?: () => Date; max?: number; shouldStop?: () => boolean } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const max = opts.max ?? 20;
  let handled = 0;
  while (handled < max && !opts.shouldStop?.()) {
    const [mail] = await claimDueMail({ now: now() });
    if (!mail) break;
    await deliverClaimed(mail, now);
    handled++;
  }
  return handled;
}

/** The first try of a mail just queued, right away instead of at the next poll. */
export async function deliverNow(id: string): Promise<DeliveryResult | null> {
  const [mail] = await claimDueMail({ id });
  return mail ? deliverClaimed(mail) : null;
}
