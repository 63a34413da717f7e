import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Running workers (their own timers, real time) against a real SMTP server that takes a
// moment per message, so that deliveries overlap and a stop lands mid-send.
const { port } = await vi.hoisted(async () => {
  const { freePort } = await import("@/scripts/free-port.mjs");
  const { useOwnDatabase } = await import("@/lib/testing/own-database");
  await useOwnDatabase();
  const port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  return { port };
});

import { spawn } from "node:child_process";
import path from "node:path";
import { closeDatabase, prisma } from "@/lib/db/client";
import { metrics } from "@/lib/observability/metrics";
import { randomEmail } from "@/lib/testing/http";
import { dropOwnDatabase } from "@/lib/testing/own-database";
import { testSmtpServer, waitFor } from "@/lib/testing/smtp-server";
import { enqueueMail } from "./queue";
import { closeMailer } from "./transport";
import { startMailWorker, type MailWorker } from "./worker";

const smtp = testSmtpServer(port, { delayMs: 80 });
const workers: MailWorker[] = [];
const start = () => {
  const w = startMailWorker({ pollMs: 50 });
  workers.push(w);
  return w;
};
const enqueueMany = async (n: number) => {
  const to = Array.from({ length: n }, () => randomEmail("q"));
  for (const address of to) await enqueueMail({ to: address, kind: "password_reset", subject: "Reset", text: "Reset: https://x.test/reset-password?token=abc", html: "<p>x</p>" });
  return to;
};
const deliveriesPer = () => {
  const count = new Map<string, number>();
  for (const m of smtp.received) for (const to of m.to) count.set(to, (count.get(to) ?? 0) + 1);
  return count;
};
const statusCount = async (status: string) => prisma().mailMessage.count({ where: { status } });

beforeEach(async () => {
  await prisma().mailMessage.deleteMany({});
  smtp.received.length = 0;
  await smtp.start();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await smtp.stop();
});
afterAll(async () => {
  await closeMailer();
  await closeDatabase();
  await dropOwnDatabase();
});

describe("mail workers", () => {
  it("two workers on one database deliver each of 30 mails exactly once", async () => {
    const to = await enqueueMany(30);
    start();
    start();
    await waitFor(async () => (await statusCount("sent")) === 30, 60_000, "30 mails sent");
    const per = deliveriesPer();
    expect([...per.keys()].sort()).toEqual([...to].sort());
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(smtp.received).toHaveLength(30);
  });

  it("loses nothing and sends nothing twice when a worker is stopped mid-send and another starts", async () => {
    const to = await enqueueMany(8);
    const first = start();
    await waitFor(() => smtp.received.length >= 2, 20_000, "two mails sent");
    await first.stop(); // waits for the send in flight, then records it
    const sentByFirst = await statusCount("sent");
    expect(sentByFirst).toBe(smtp.received.length);
    expect(sentByFirst).toBeLessThan(8);
    // Nothing is left claimed by the stopped worker.
    expect(await prisma().mailMessage.count({ where: { leaseUntil: { not: null } } })).toBe(0);

    start();
    await waitFor(async () => (await statusCount("sent")) === 8, 20_000, "all 8 sent");
    const per = deliveriesPer();
    expect([...per.keys()].sort()).toEqual([...to].sort());
    expect([...per.values()].every((n) => n === 1)).toBe(true);
  });

  // PGlite is one process per database: two instances need PostgreSQL.
  it.skipIf(!process.env.DATABASE_URL)("two app processes on one PostgreSQL deliver each of 40 mails exactly once", async () => {
    const to = await enqueueMany(40);
    const sentHere = async () => (await metrics().mailSent.get()).values.reduce((sum, v) => sum + v.value, 0);
    const before = await sentHere();
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "lib/testing/mail-worker-process.mts"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
        child.once("exit", (code) => reject(new Error(`worker process exited (${code}) before it was ready`)));
      });
      // The other process has begun delivering before this one joins, so both take part.
      await waitFor(async () => (await statusCount("sent")) >= 1, 30_000, "a first mail sent by the other process");
      start();
      await waitFor(async () => (await statusCount("sent")) === 40, 60_000, "40 mails sent");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    // Both processes took part: this one sent some, the other the rest.
    const here = (await sentHere()) - before;
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(40);
    const per = deliveriesPer();
    expect([...per.keys()].sort()).toEqual([...to].sort());
    expect([...per.values()].every((n) => n === 1)).toBe(true);
  });
});
