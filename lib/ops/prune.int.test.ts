import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createTestUser } from "@/lib/testing/users";
import { prune } from "./prune";

// Housekeeping on a real database. The clock is injected and set in the past (2000), and the
// rows are dated against it, so a concurrent test file sharing PostgreSQL loses nothing.
const NOW = new Date("2000-01-01T00:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ctx = { requestId: "prune-test-0001", ip: "cli", userAgent: "vitest" };

describe("prune", () => {
  it("removes expired sessions, tokens, counters and mail, and audit events past retention; keeps the rest", async () => {
    const user = await createTestUser();
    const db = prisma();
    const session = (name: string, createdAt: Date, expires: Date) =>
      db.session.create({ data: { sessionToken: `prune-${name}-${user.id}`, userId: user.id, createdAt, lastSeenAt: createdAt, expires }, select: { id: true } });
    const idle = await session("idle", ago(2 * DAY), ago(MIN));
    const tooOld = await session("old", ago(8 * DAY), ahead(10 * MIN));
    const live = await session("live", ago(DAY), ahead(10 * MIN));

    const token = (name: string, expires: Date, usedAt: Date | null = null) =>
      db.passwordResetToken.create({ data: { userId: user.id, tokenHash: `prune-${name}-${user.id}`, expires, usedAt }, select: { id: true } });
    const expired = await token("expired", ago(MIN));
    const usedExpired = await token("used", ago(MIN), ago(20 * MIN));
    const valid = await token("valid", ahead(20 * MIN));

    const counter = (key: string, expire: Date) => db.rateLimit.create({ data: { key: `prune:${key}:${user.id}`, points: 3, expire: BigInt(expire.getTime()) } });
    await counter("over", ago(1000));
    await counter("open", ahead(60_000));

    const mail = (subject: string, createdAt: Date, status = "outbox") =>
      db.mailMessage.create({ data: { to: user.email, subject, text: "t", html: "h", kind: "test", status, createdAt }, select: { id: true } });
    const oldMail = await mail("old", ago(31 * DAY));
    const newMail = await mail("new", ago(29 * DAY));
    const oldQueued = await mail("still to deliver", ago(31 * DAY), "queued");

    const event = (createdAt: Date) => db.auditEvent.create({ data: { type: "login", outcome: "success", targetUserId: user.id, createdAt }, select: { id: true } });
    const oldEvent = await event(ago(366 * DAY));
    const keptEvent = await event(ago(364 * DAY));

    const result = await prune({ auditRetentionDays: 365, mailRetentionDays: 30, now: NOW }, ctx);
    expect(result).toEqual({ sessions: 2, reset_tokens: 2, verification_tokens: 0, rate_limits: 1, mail_messages: 1, audit_events: 1 });

    const ids = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((r) => r.id).sort();
    expect(await ids(db.session.findMany({ where: { id: { in: [idle.id, tooOld.id, live.id] } }, select: { id: true } }))).toEqual([live.id]);
    expect(await ids(db.passwordResetToken.findMany({ where: { id: { in: [expired.id, usedExpired.id, valid.id] } }, select: { id: true } }))).toEqual([valid.id]);
    expect((await db.rateLimit.findMany({ where: { key: { startsWith: "prune:" }, AND: { key: { endsWith: user.id } } } })).map((r) => r.key)).toEqual([`prune:open:${user.id}`]);
    expect(await ids(db.mailMessage.findMany({ where: { id: { in: [oldMail.id, newMail.id, oldQueued.id] } }, select: { id: true } }))).toEqual(
      [newMail.id, oldQueued.id].sort(),
    );
    expect(await ids(db.auditEvent.findMany({ where: { id: { in: [oldEvent.id, keptEvent.id] } }, select: { id: true } }))).toEqual([keptEvent.id]);
    // The user's own registration session (created now, in 2026) is far in this clock's future: kept.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);

    const recorded = await db.auditEvent.findFirst({ where: { type: "pruned", requestId: ctx.requestId } });
    expect(recorded?.metadata).toMatchObject({ sessions: 2, audit_events: 1, audit_retention_days: 365 });
  });
});
