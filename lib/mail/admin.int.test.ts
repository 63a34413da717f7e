import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { contextFromHeaders } from "@/lib/http/request-context";
import { randomEmail } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { dropMail, listUndeliveredMail, retryMail } from "./admin";
import { claimDueMail, enqueueMail } from "./queue";

// What /admin/mail's action calls. No SMTP here: rows are put in the states a worker leaves.
const ctx = contextFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.7", "user-agent": "vitest" }));
const mail = (to: string) => ({ to, kind: "password_reset", subject: "Reset", text: "https://x.test/reset-password?token=secret-token", html: "<p>x</p>" });

describe("undelivered mail for admins", () => {
  it("lists queued and dead mail without bodies", async () => {
    const id = await enqueueMail(mail(randomEmail()));
    const { mail: rows } = await listUndeliveredMail(1000);
    const row = rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({ status: "queued", kind: "password_reset", attempts: 0 });
    expect(Object.keys(row)).not.toContain("text");
    expect(Object.keys(row)).not.toContain("html");
    expect(JSON.stringify(rows)).not.toContain("secret-token");
  });

  it("retries a dead mail with a fresh schedule, audited on the recipient's account", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    const id = await enqueueMail(mail(user.email));
    await prisma().mailMessage.update({ where: { id }, data: { status: "dead", attempts: 6, nextAttemptAt: null, error: "421 try later" } });
    const now = new Date();
    await retryMail(id, admin.id, ctx, now);
    expect(await prisma().mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", attempts: 0, nextAttemptAt: now });
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { type: "mail_retried", actorId: admin.id } });
    expect(event).toMatchObject({ outcome: "success", targetUserId: user.id, requestId: ctx.requestId });
    expect(event.metadata).toMatchObject({ mail_id: id, kind: "password_reset", status: "dead", attempts: 6 });
  });

  it("drops a mail: never sent, body erased, audited", async () => {
    const admin = await createTestUser({ role: "admin" });
    const id = await enqueueMail(mail(randomEmail()));
    await dropMail(id, admin.id, ctx);
    expect(await prisma().mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "dropped", text: "", html: "", nextAttemptAt: null });
    expect(await claimDueMail({ id, now: new Date(Date.now() + 86_400_000) })).toEqual([]);
    expect(await prisma().auditEvent.count({ where: { type: "mail_dropped", actorId: admin.id } })).toBe(1);
    await expect(retryMail(id, admin.id, ctx)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses to retry or drop a mail a worker is sending right now", async () => {
    const admin = await createTestUser({ role: "admin" });
    const id = await enqueueMail(mail(randomEmail()));
    expect(await claimDueMail({ id })).toHaveLength(1);
    await expect(dropMail(id, admin.id, ctx)).rejects.toMatchObject({ status: 409, code: "mail_sending" });
    await expect(retryMail(id, admin.id, ctx)).rejects.toMatchObject({ status: 409 });
    expect(await prisma().mailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", attempts: 1 });
    expect(await prisma().auditEvent.count({ where: { actorId: admin.id, type: { in: ["mail_retried", "mail_dropped"] } } })).toBe(0);
  });
});
