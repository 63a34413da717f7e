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

export const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters");

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

export const loginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Password is required" })
    .min(1, "Password is required")
    .refine((pw) => byteLength(pw) <= MAX_PASSWORD_BYTES, `Password is at most ${MAX_PASSWORD_BYTES} bytes`),
});

export type RegisterInput = z.infer<ReturnType<typeof registerSchema>>;
export type LoginInput = z.infer<typeof loginSchema>;

/** A role, from the Prisma enum: the one list of roles. */
export const roleSchema = z.enum(Role, { error: "Role must be user, support or admin" });
