import "server-only";
import { hashEmail } from "@/lib/audit/audit";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { env, isEmbeddedDatabase } from "@/lib/env";
import { log } from "@/lib/log";
import { encryptBody } from "./body-crypto";
import { deliverNow, enqueueMail } from "./queue";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

// Bodies hold single-use links: they are logged only when there is no SMTP server to
// deliver them, so a developer can still click them. Outside a local setup the body never
// reaches the log.
const logBodies = () => isEmbeddedDatabase || env.NODE_ENV !== "production";

/**
 * Queues the mail (SPEC 12) and returns once the row is stored: the first try starts in the
 * background, and the queue's workers retry it. Without SMTP_URL the mail stays in the
 * outbox for a developer (and for journeys in test mode), body encrypted like queued mail.
 */
export async function sendMail(mail: Mail): Promise<void> {
  if (!env.SMTP_URL) {
    await prisma().mailMessage.create({
      data: { to: mail.to, subject: mail.subject, kind: mail.kind, text: encryptBody(mail.text, mail.to), html: encryptBody(mail.html, mail.to), status: "outbox" },
    });
    log.info(
      { mail_to: hashEmail(mail.to), subject: mail.subject, kind: mail.kind, ...(logBodies() ? { body: mail.text } : {}) },
      "mail kept in the outbox (no SMTP_URL)",
    );
    return;
  }
  const id = await enqueueMail(mail);
  runInBackground("mail-delivery", () => deliverNow(id));
}
