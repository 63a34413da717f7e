import { env } from "@/lib/env";
import type { Mail } from "./mail";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escape(p)}</p>`).join("");
  const button = action
    ? `<p style="margin:24px 0"><a href="${escape(action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(action.label)}</a></p><p style="font-size:13px;color:#475569">Or paste this link into your browser: ${escape(action.url)}</p>`
    : "";
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px"><h1 style="font-size:20px">${escape(title)}</h1>${body}${button}<p style="font-size:12px;color:#64748b">Latchkey</p></body></html>`;
}

export function passwordResetMail(to: string, token: string, minutes: number): Mail {
  const url = new URL(`/reset-password?token=${encodeURIComponent(token)}`, env.APP_URL).toString();
  const lines = [
    "Someone asked to reset the password of your Latchkey account.",
    `The link below works once, for ${minutes} minutes. If it was not you, ignore this message: your password stays as it is.`,
  ];
  return {
    to,
    kind: "password_reset",
    subject: "Reset your Latchkey password",
    text: `${lines.join("\n\n")}\n\nReset your password: ${url}\n`,
    html: layout("Reset your password", lines, { label: "Choose a new password", url }),
  };
}

export function passwordChangedMail(to: string, how: "reset" | "changed"): Mail {
  const lines = [
    how === "reset" ? "The password of your Latchkey account was just reset." : "The password of your Latchkey account was just changed.",
    "Every other signed-in device was signed out. If this was not you, reset your password now and contact support.",
  ];
  const url = new URL("/forgot-password", env.APP_URL).toString();
  return {
    to,
    kind: "password_changed",
    subject: "Your Latchkey password was changed",
    text: `${lines.join("\n\n")}\n\nReset it: ${url}\n`,
    html: layout("Your password was changed", lines, { label: "Reset my password", url }),
  };
}

/** A second factor was added or removed, a recovery code used, or staff reset the factors. */
export function factorNoticeMail(to: string, what: "added" | "removed" | "recovery_code_used" | "reset", detail: { factor?: string; remaining?: number } = {}): Mail {
  const first = {
    added: `A second factor (${detail.factor ?? "authenticator"}) was added to your Latchkey account.`,
    removed: `A second factor (${detail.factor ?? "authenticator"}) was removed from your Latchkey account.`,
    recovery_code_used: `A recovery code was used to sign in to your Latchkey account. ${detail.remaining ?? 0} recovery codes are left.`,
    reset: "Support reset the second factors of your Latchkey account: you sign in with your password alone until you set one up again.",
  }[what];
  const lines = [first, "If this was not you, reset your password now and contact support."];
  const url = new URL("/settings/security", env.APP_URL).toString();
  return {
    to,
    kind: `factor_${what}`,
    subject: what === "recovery_code_used" ? "A recovery code was used on your Latchkey account" : "Your Latchkey sign-in security changed",
    text: `${lines.join("\n\n")}\n\nReview your security settings: ${url}\n`,
    html: layout("Your sign-in security changed", lines, { label: "Review security settings", url }),
  };
}

const verifyUrl = (token: string) => new URL(`/verify-email?token=${encodeURIComponent(token)}`, env.APP_URL).toString();

/** The link that proves the account's own address (after registration, "send again", staff). */
export function emailVerificationMail(to: string, token: string, hours: number): Mail {
  const url = verifyUrl(token);
  const lines = [
    "Confirm that this is the email address of your Latchkey account.",
    `The link below works once, for ${hours} hours; a newer link replaces it. If you did not create an account, ignore this message.`,
  ];
  return {
    to,
    kind: "email_verification",
    subject: "Confirm your email address for Latchkey",
    text: `${lines.join("\n\n")}\n\nConfirm your email address: ${url}\n`,
    html: layout("Confirm your email address", lines, { label: "Confirm my email address", url }),
  };
}

/** Sent to the NEW address of an email change: the address changes only when this link is used. */
export function emailChangeMail(to: string, token: string, hours: number): Mail {
  const url = verifyUrl(token);
  const lines = [
    "Someone signed in to a Latchkey account asked to change its email address to this one.",
    `Use the link below to confirm it; it works once, for ${hours} hours. Until then the account keeps its old address. If it was not you, ignore this message.`,
  ];
  return {
    to,
    kind: "email_change",
    subject: "Confirm your new email address for Latchkey",
    text: `${lines.join("\n\n")}\n\nConfirm the new address: ${url}\n`,
    html: layout("Confirm your new email address", lines, { label: "Confirm the new address", url }),
  };
}

/** Sent to the OLD address of an email change: no link, what to do if it was not them. */
export function emailChangeNoticeMail(to: string, newEmailMasked: string): Mail {
  const lines = [
    `Someone signed in to your Latchkey account asked to change its email address to ${newEmailMasked}. The address changes only once the link sent there is used.`,
    "If this was not you, sign in and change your password now (that signs out every other device), then contact support. If you can no longer sign in, reset your password.",
  ];
  const url = new URL("/forgot-password", env.APP_URL).toString();
  return {
    to,
    kind: "email_change_notice",
    subject: "Your Latchkey email address is about to change",
    text: `${lines.join("\n\n")}\n\nReset your password: ${url}\n`,
    html: layout("Your email address is about to change", lines, { label: "Reset my password", url }),
  };
}
