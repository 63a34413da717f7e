import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The mail queue against a real SMTP server that this file stops and starts (SPEC 12).
// Time is the `now` the queue is given, so a 6-hour backoff takes no time.
const { port } = await vi.hoisted(async () => {
  const { freePort } = await import("@/scripts/free-port.mjs");
  const { useOwnDatabase } = await import("@/lib/testing/own-database");
  await useOwnDatabase();
  const port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Latchkey <no-reply@latchkey.test>";
  process.env.APP_URL = "https://auth.example.test";
  process.env.METRICS_TOKEN = "metrics-test-token-0123456789abcdef0123";
  return { port };
});

import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { GET as scrapeMetrics } from "@/app/api/metrics/route";
import { settleBackgroundWork } from "@/lib/background";
import { closeDatabase, prisma, rawClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { callRoute, randomEmail } from "@/lib/testing/http";
import { dropOwnDatabase } from "@/lib/testing/own-database";
import { testSmtpServer } from "@/lib/testing/smtp-server";
import { createTestUser } from "@/lib/testing/users";
import { diagnoseSignIn } from "@/lib/users/diagnose";
import { claimDueMail, enqueueMail, runMailQueueOnce } from "./queue";
import { mailQueueStats } from "./stats";
import { closeMailer } from "./transport";

const smtp = testSmtpServer(port);
/** A registered user whose verification mail (queued by registration) is out of the way: these tests follow one reset mail. */
async function userWithoutMail() {
  const user = await createTestUser();
  await settleBackgroundWork();
  await prisma().mailMessage.deleteMany({ where: { to: user.email } });
  return user;
}
const after = (from: Date, seconds: number) => () => new Date(from.getTime() + seconds * 1000);
const row = (id: string) => prisma().mailMessage.findUniqueOrThrow({ where: { id } });
const testMail = (to = randomEmail()) => ({ to, kind: "password_reset", subject: "Reset", text: `Reset: https://auth.example.test/reset-password?token=${"t".repeat(43)}`, html: "<a href=\"https://auth.example.test/reset-password?token=x\">Reset</a>" });
const counter = async (c: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string>) =>
  (await c.get()).values.filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val)).reduce((s, v) => s + v.value, 0);

beforeEach(async () => {
  // Each test starts with an empty queue and the server down.
  await prisma().mailMessage.deleteMany({});
  smtp.received.length = 0;
});
afterEach(() => smtp.stop());
afterAll(async () => {
  await closeMailer();
  await closeDatabase();
  await dropOwnDatabase();
});

describe("mail queue", () => {
  it("keeps a reset mail asked for while SMTP is down, retries it with backoff and delivers it once when the server is back", async () => {
    const user = await userWithoutMail();
    const res = await callRoute(forgot, "/api/auth/password/forgot", { body: { email: user.email } });
    expect(res.status).toBe(202);
    await settleBackgroundWork();

    const [queued] = await prisma().mailMessage.findMany({ where: { to: user.email } });
    expect(queued).toMatchObject({ kind: "password_reset", status: "queued", attempts: 1, leaseUntil: null });
    expect(queued.error).toMatch(/ECONNREFUSED/);
    const t0 = queued.createdAt;
    expect((queued.nextAttemptAt!.getTime() - t0.getTime()) / 1000).toBeCloseTo(env.MAIL_RETRY_SCHEDULE_S[0], -1);

    // Not due before the first backoff; due after it, and the server is still down.
    expect(await runMailQueueOnce({ now: after(t0, 30) })).toBe(0);
    expect(await runMailQueueOnce({ now: after(t0, 61) })).toBe(1);
    const second = await row(queued.id);
    expect(second).toMatchObject({ status: "queued", attempts: 2 });
    expect((second.nextAttemptAt!.getTime() - t0.getTime()) / 1000).toBeCloseTo(61 + env.MAIL_RETRY_SCHEDULE_S[1], 0);

    await smtp.start();
    expect(await runMailQueueOnce({ now: after(t0, 61 + 299) })).toBe(0);
    expect(await runMailQueueOnce({ now: after(t0, 61 + 301) })).toBe(1);
    expect(await runMailQueueOnce({ now: after(t0, 86_400) })).toBe(0);

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual([user.email]);
    const unfolded = smtp.received[0].raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(unfolded).toMatch(/https:\/\/auth\.example\.test\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(await row(queued.id)).toMatchObject({ status: "sent", attempts: 3, text: "", html: "", nextAttemptAt: null, error: null });
  });

  it("stores the body encrypted (no link in the table) until sent, and erases it after", async () => {
    const mail = testMail();
    const id = await enqueueMail(mail);
    const read = async () =>
      (await rawClient().query({ text: `SELECT "text", "html" FROM "MailMessage" WHERE "id" = $1`, values: [id] })).rows[0] as { text: string; html: string };
    const stored = await read();
    for (const body of [stored.text, stored.html]) {
      expect(body).toMatch(/^enc1:[A-Za-z0-9_-]+$/);
      expect(body).not.toContain("reset-password");
      expect(body).not.toContain("auth.example.test");
    }
    await smtp.start();
    expect(await runMailQueueOnce()).toBe(1);
    expect(await read()).toEqual({ text: "", html: "" });
    expect(smtp.received[0].raw).toContain("reset-password");
  });

  it("marks the mail dead after the last try of the schedule, and counts every failure", async () => {
    const failedBefore = await counter(metrics().mailFailed, { outcome: "retry" });
    const deadBefore = await counter(metrics().mailFailed, { outcome: "dead" });
    const t0 = new Date();
    const id = await enqueueMail(testMail(), t0);
    let t = 0;
    for (const wait of [0, ...env.MAIL_RETRY_SCHEDULE_S]) {
      t += wait;
      expect(await runMailQueueOnce({ now: after(t0, t) })).toBe(1);
    }
    const dead = await row(id);
    expect(dead).toMatchObject({ status: "dead", attempts: env.MAIL_RETRY_SCHEDULE_S.length + 1, nextAttemptAt: null });
    expect(dead.text).toMatch(/^enc1:/); // kept, encrypted, for an admin's retry
    expect(await runMailQueueOnce({ now: after(t0, t + 30 * 86_400) })).toBe(0);
    expect(await counter(metrics().mailFailed, { outcome: "retry" })).toBe(failedBefore + env.MAIL_RETRY_SCHEDULE_S.length);
    expect(await counter(metrics().mailFailed, { outcome: "dead" })).toBe(deadBefore + 1);
  });

  it("gives the mail of a worker that died mid-send to another worker once its lease ends, and sends it once", async () => {
    await smtp.start();
    const t0 = new Date();
    const id = await enqueueMail(testMail(), t0);
    // A worker claims it and dies before sending (nothing ever records the outcome).
    expect(await claimDueMail({ now: t0 })).toHaveLength(1);
    expect(await runMailQueueOnce({ now: after(t0, env.MAIL_LEASE_S - 1) })).toBe(0);
    expect(await runMailQueueOnce({ now: after(t0, env.MAIL_LEASE_S + 1) })).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("counts mail sent by kind", async () => {
    await smtp.start();
    const before = await counter(metrics().mailSent, { kind: "password_reset" });
    await enqueueMail(testMail());
    await enqueueMail(testMail());
    expect(await runMailQueueOnce()).toBe(2);
    expect(await counter(metrics().mailSent, { kind: "password_reset" })).toBe(before + 2);
  });

  it("names an undelivered reset mail under \"why can't they sign in?\" until it is delivered, and a dead one", async () => {
    const user = await userWithoutMail();
    await callRoute(forgot, "/api/auth/password/forgot", { body: { email: user.email } });
    await settleBackgroundWork();
    const [blocker] = await diagnoseSignIn(user.id);
    expect(blocker).toMatchObject({ kind: "mail_undelivered", action: null });
    expect(blocker.summary).toMatch(/^The password reset mail from \d\d:\d\d UTC on \d{4}-\d\d-\d\d is not delivered yet \(1 try; last error: .*ECONNREFUSED.*\); next try at \d\d:\d\d UTC\.$/);
    expect(blocker.summary).not.toContain("token");

    const [mail] = await prisma().mailMessage.findMany({ where: { to: user.email } });
    await prisma().mailMessage.update({ where: { id: mail.id }, data: { status: "dead", attempts: 6, nextAttemptAt: null } });
    expect((await diagnoseSignIn(user.id))[0].summary).toMatch(/was never delivered: gave up after 6 tries; last error: .*ECONNREFUSED/);

    await prisma().mailMessage.update({ where: { id: mail.id }, data: { status: "queued", nextAttemptAt: new Date() } });
    await smtp.start();
    expect(await runMailQueueOnce()).toBe(1);
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["none"]);
  });

  it("reports queue depth, dead mail and the oldest undelivered age, in mailQueueStats and mail_queue_depth", async () => {
    const now = new Date();
    expect(await mailQueueStats(now)).toEqual({ depth: 0, dead: 0, oldest_undelivered_age_s: null });
    await enqueueMail(testMail(), new Date(now.getTime() - 90_000));
    await enqueueMail(testMail(), now);
    const dead = await enqueueMail(testMail(), now);
    await prisma().mailMessage.update({ where: { id: dead }, data: { status: "dead" } });
    expect(await mailQueueStats(now)).toEqual({ depth: 2, dead: 1, oldest_undelivered_age_s: 90 });

    const res = await callRoute(scrapeMetrics, "/api/metrics", { token: process.env.METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^mail_queue_depth 2$/m);
    expect(res.text).toContain("# TYPE mail_sent_total counter");
    expect(res.text).toContain("# TYPE mail_failed_total counter");
  });
});
