import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";

// Zod compiles fast parsers with `new Function` after probing whether eval is allowed; the
// nonce CSP forbids eval, and the probe alone is reported as a violation in the browser.
z.config({ jitless: true });

// Schemas shared by the browser forms (react-hook-form) and the server (actions and JSON
// routes). The server adds what the browser cannot know: the common-password blocklist.

export type PasswordPolicy = "default" | "nist";

export const MIN_PASSWORD_BYTES = 8;
export const MAX_PASSWORD_BYTES = 72;
export const NIST_MIN_LENGTH = 15;

const byteLength = (s: string) => new TextEncoder().encode(s).length;

export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .min(1, "Email is required")
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address" }));

// Control characters (C0, DEL, C1: NUL among them), bidi embeddings, overrides and isolates
// (U+202A-202E, U+2066-2069: "\u202Eevil" shows reversed), zero-width and invisible
// formatting characters (U+200B-200F, U+2060-2064, U+FEFF, U+180E, U+00AD, U+034F, U+061C,
// U+115F-1160, U+3164, U+FFA0, U+FFF9-FFFB). A name is shown to staff and in mail: what it
// looks like must be what it is.
const HIDDEN_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]/;

export const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")
  .refine((v) => !HIDDEN_IN_NAMES.test(v), "Name must not contain control, invisible or text-direction characters");

/** Problems with a new password under a policy, in the order a user should fix them. */
export function passwordProblems(password: string, policy: PasswordPolicy): string[] {
  const bytes = byteLength(password);
  if (bytes < MIN_PASSWORD_BYTES) return [`Use at least ${MIN_PASSWORD_BYTES} characters`];
  if (bytes > MAX_PASSWORD_BYTES) return [`Use at most ${MAX_PASSWORD_BYTES} bytes (shorter, or fewer accented/emoji characters)`];
  if (policy === "nist") {
    return password.length < NIST_MIN_LENGTH ? [`Use at least ${NIST_MIN_LENGTH} characters`] : [];
  }
  const problems: string[] = [];
  if (!/[A-Z]/.test(password)) problems.push("Add an upper-case letter");
  if (!/[a-z]/.test(password)) problems.push("Add a lower-case letter");
  if (!/[0-9]/.test(password)) problems.push("Add a digit");
  if (!/[^A-Za-z0-9]/.test(password)) problems.push("Add a special character");
  return problems;
}

export function newPasswordSchema(policy: PasswordPolicy) {
  return z.string({ error: "Password is required" }).superRefine((pw, ctx) => {
    const [first] = passwordProblems(pw, policy);
    if (first) ctx.addIssue({ code: "custom", message: first });
  });
}

function notPersonal(data: { email: string; name: string; password: string }, ctx: z.RefinementCtx) {
  const pw = data.password.trim().toLowerCase();
  if (pw && (pw === data.email.trim().toLowerCase() || pw === data.name.trim().toLowerCase())) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Password must not be your email or name" });
  }
}

export function registerSchema(policy: PasswordPolicy) {
  return z
    .object({ email: emailSchema, name: nameSchema, password: newPasswordSchema(policy) })
    .superRefine(notPersonal);
}

/**
 * A password someone types to prove who they are (sign-in, current password, account
 * deletion). SPEC 6's byte rule applies to every password field: bcrypt ignores bytes past
 * 72, so a longer one would be checked on its first 72 bytes only. Refused with a 400 naming
 * the field, never truncated: the limit is the same for every account, so saying so tells
 * nothing about any of them.
 */
export function existingPasswordSchema(label = "Password") {
  return z
    .string({ error: `${label} is required` })
    .min(1, `${label} is required`)
    .refine((pw) => byteLength(pw) <= MAX_PASSWORD_BYTES, `${label} is at most ${MAX_PASSWORD_BYTES} bytes`);
}

export const loginSchema = z.object({
  email: emailSchema,
  password: existingPasswordSchema(),
});

export type RegisterInput = z.infer<ReturnType<typeof registerSchema>>;
export type LoginInput = z.infer<typeof loginSchema>;

/** A role, from the Prisma enum: the one list of roles. */
export const roleSchema = z.enum(Role, { error: "Role must be user, support or admin" });
