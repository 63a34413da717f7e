import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";

// What admins see and do at /admin/mail: undelivered mail (queued or dead) without its
// body, never the link; retry now or drop.

export const UNDELIVERED = ["queued", "dead"];

export interface UndeliveredMail {
  id: string;
  to: string;
  kind: string;
  status: string;
  attempts: number;
  error: string | null;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  createdAt: Date;
}

export async function listUndeliveredMail(take = 100): Promise<{ mail: UndeliveredMail[]; total: number }> {
  const where = { status: { in: UNDELIVERED } };
  const [mail, total] = await Promise.all([
    prisma().mailMessage.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take,
      select: { id: true, to: true, kind: true, status: true, attempts: true, error: true, nextAttemptAt: true, leaseUntil: true, createdAt: true },
    }),
    prisma().mailMessage.count({ where }),
  ]);
  return { mail, total };
}

const sending = () => new ApiError("mail_sending", "This mail is being sent right now; look again in a minute.");

/** An undelivered mail that no worker holds right now; 404 once sent, dropped or gone. */
async function idleUndelivered(id: string, now: Date) {
  const mail = await prisma().mailMessage.findUnique({ where: { id }, select: { id: true, to: true, kind: true, status: true, attempts: true, leaseUntil: true } });
  if (!mail || !UNDELIVERED.includes(mail.status)) throw new ApiError("not_found", "That mail is no longer waiting: it was sent or dropped meanwhile.");
  if (mail.leaseUntil && mail.leaseUntil > now) throw sending();
  return mail;
}

/** The recipient's account, so the event shows in that user's history too. */
async function recipientId(email: string): Promise<string | null> {
  return (await prisma().user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
}

// Updates are conditional on the row being as read (status, attempts, no live lease), so a
// worker that claimed it in between wins and the admin is told.
const unchanged = (mail: { id: string; status: string; attempts: number }, now: Date) => ({
  id: mail.id,
  status: mail.status,
  attempts: mail.attempts,
  OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }],
});

/** Due now with a fresh retry schedule (a dead mail comes back to the queue). */
export async function retryMail(id: string, actorId: string, ctx: RequestContext, now = new Date()): Promise<void> {
  const mail = await idleUndelivered(id, now);
  const { count } = await prisma().mailMessage.updateMany({
    where: unchanged(mail, now),
    data: { status: "queued", attempts: 0, nextAttemptAt: now, leaseUntil: null },
  });
  if (count === 0) throw sending();
  await recordAudit({ type: "mail_retried", outcome: "success", ctx, actorId, targetUserId: await recipientId(mail.to), email: mail.to, metadata: { mail_id: id, kind: mail.kind, status: mail.status, attempts: mail.attempts } });
}

/** Never sent: the body (and its link) is erased; the row stays as a record. */
export async function dropMail(id: string, actorId: string, ctx: RequestContext, now = new Date()): Promise<void> {
  const mail = await idleUndelivered(id, now);
  const { count } = await prisma().mailMessage.updateMany({
    where: unchanged(mail, now),
    data: { status: "dropped", text: "", html: "", nextAttemptAt: null, leaseUntil: null },
  });
  if (count === 0) throw sending();
  await recordAudit({ type: "mail_dropped", outcome: "success", ctx, actorId, targetUserId: await recipientId(mail.to), email: mail.to, metadata: { mail_id: id, kind: mail.kind, status: mail.status, attempts: mail.attempts } });
}

/** Mail a user needs in order to sign in: a reset link, an address verification. */
export const ACCOUNT_MAIL_KINDS = ["password_reset", "email_verification"];

/**
 * For "why can't they sign in?": the latest mail of each account kind for this address when
 * it is dead, or queued after at least one failed try (a mail just queued is on its way).
 */
export async function undeliveredAccountMail(email: string): Promise<UndeliveredMail[]> {
  const latest = await Promise.all(
    ACCOUNT_MAIL_KINDS.map((kind) =>
      prisma().mailMessage.findFirst({
        where: { to: email, kind },
        orderBy: { createdAt: "desc" },
        select: { id: true, to: true, kind: true, status: true, attempts: true, error: true, nextAttemptAt: true, leaseUntil: true, createdAt: true },
      }),
    ),
  );
  return latest.filter((m): m is UndeliveredMail => !!m && (m.status === "dead" || (m.status === "queued" && m.error !== null)));
}
