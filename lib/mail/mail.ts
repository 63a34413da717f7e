import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env, isEmbeddedDatabase } from "@/lib/env";
import { log } from "@/lib/log";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

const globalForMail = globalThis as unknown as { latchkeyMailer?: Transporter };

function transport(): Transporter {
  globalForMail.latchkeyMailer ??= nodemailer.createTransport(env.SMTP_URL!);
  return globalForMail.latchkeyMailer;
}

// Bodies hold single-use links: they are kept (and logged) only when there is no SMTP
// server to deliver them, so a developer can still click them; with SMTP only the
// envelope is recorded. Outside a local setup the body never reaches the log.
const logBodies = () => isEmbeddedDatabase || env.NODE_ENV !== "production";

export async function sendMail(mail: Mail): Promise<void> {
  const base = { to: mail.to, subject: mail.subject, kind: mail.kind };
  if (!env.SMTP_URL) {
    await prisma().mailMessage.create({ data: { ...base, text: mail.text, html: mail.html, status: "outbox" } });
    log.info(
      { mail_to: hashEmail(mail.to), subject: mail.subject, kind: mail.kind, ...(logBodies() ? { body: mail.text } : {}) },
      "mail kept in the outbox (no SMTP_URL)",
    );
    return;
  }
  try {
    await transport().sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    await prisma().mailMessage.create({ data: { ...base, text: "", html: "", status: "sent", sentAt: new Date() } });
    log.info({ mail_to: hashEmail(mail.to), kind: mail.kind }, "mail sent");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await prisma().mailMessage.create({ data: { ...base, text: "", html: "", status: "failed", error: message.slice(0, 500) } });
    throw err;
  }
}

export async function closeMailer(): Promise<void> {
  globalForMail.latchkeyMailer?.close();
  globalForMail.latchkeyMailer = undefined;
}
