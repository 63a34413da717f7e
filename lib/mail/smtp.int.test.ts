import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Real SMTP delivery to a local SMTP server started by this test.
const { port } = await vi.hoisted(async () => {
  const { freePort } = await import("@/scripts/free-port.mjs");
  const port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Latchkey <no-reply@latchkey.test>";
  process.env.APP_URL = "https://auth.example.test";
  return { port };
});

import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { closeMailer } from "@/lib/mail/transport";
import { callRoute } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const received: Received[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
});

afterAll(async () => {
  await closeMailer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("SMTP delivery", () => {
  it("delivers the reset mail with plain-text and HTML parts and a link on the public URL", async () => {
    const user = await createTestUser();
    await settleBackgroundWork();
    // Registration's verification mail went out first; this test follows the reset mail.
    received.length = 0;
    await prisma().mailMessage.deleteMany({ where: { to: user.email } });
    const res = await callRoute(forgot, "/api/auth/password/forgot", { body: { email: user.email } });
    expect(res.status).toBe(202);
    await settleBackgroundWork();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe("no-reply@latchkey.test");
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toMatch(/Subject: Reset your Latchkey password/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    const unfolded = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(unfolded).toMatch(/https:\/\/auth\.example\.test\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    // Sent mail keeps only its envelope: the link is not stored at rest.
    const row = await prisma().mailMessage.findFirstOrThrow({ where: { to: user.email } });
    expect(row).toMatchObject({ status: "sent", text: "", html: "" });
  });
});
