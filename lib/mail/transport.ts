import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

const globalForMail = globalThis as unknown as { latchkeyMailer?: Transporter };

// Timeouts well inside the queue's lease (MAIL_LEASE_S, at least 60 s): a worker still
// talking to a hung server when its lease ends could otherwise send a mail that another
// worker has claimed again. nodemailer reads options from the URL's query, so an operator
// can still set their own there.
const TIMEOUTS = { connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "20000" };

export function smtpUrlWithTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(TIMEOUTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

export function transport(): Transporter {
  globalForMail.latchkeyMailer ??= nodemailer.createTransport(smtpUrlWithTimeouts(env.SMTP_URL!));
  return globalForMail.latchkeyMailer;
}

export async function closeMailer(): Promise<void> {
  globalForMail.latchkeyMailer?.close();
  globalForMail.latchkeyMailer = undefined;
}
