import { z } from "zod";
import { emailSchema, existingPasswordSchema, nameSchema, newPasswordSchema, roleSchema, type PasswordPolicy } from "./auth";

// Shared by the account forms and the JSON routes. Field names follow the JSON API.

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A mailed link's token (reset, email verification, email change). */
const tokenField = z.string({ error: "Token is required" }).min(1, "Token is required").max(200, "Token is too long");

/** POST /api/auth/email/verify and the button on /verify-email. */
export const emailTokenSchema = z.object({ token: tokenField });

/** POST /api/auth/email and the Settings form: the new address. */
export const emailChangeSchema = z.object({ email: emailSchema });

export function resetPasswordSchema(policy: PasswordPolicy) {
  return z.object({
    token: tokenField,
    password: newPasswordSchema(policy),
  });
}

export function changePasswordSchema(policy: PasswordPolicy) {
  return z.object({
    current_password: existingPasswordSchema("Current password"),
    new_password: newPasswordSchema(policy),
  });
}

export const updateUserSchema = z
  .object({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    is_active: z.boolean({ error: "is_active must be true or false" }).optional(),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.is_active !== undefined, { message: "Nothing to change", path: ["body"] });

export const deleteAccountSchema = z.object({
  password: existingPasswordSchema(),
});

export const nameFormSchema = z.object({ name: nameSchema });

/** A confirmation checkbox: a boolean in react-hook-form, "on" (or absent) when the form is posted. */
export function confirmationSchema(message: string) {
  return z.union([z.boolean(), z.literal("on")], { error: message }).refine((v) => v === true || v === "on", { message });
}

export const DELETE_CONFIRMATION_MESSAGE = "Tick the box to confirm you understand this cannot be undone";
export const DEACTIVATE_CONFIRMATION_MESSAGE = "Tick the box to confirm the deactivation";
export const RESET_FACTORS_CONFIRMATION_MESSAGE = "Tick the box to confirm the reset";

/** The account deletion form: the password, and an explicit confirmation. */
export const deleteAccountFormSchema = deleteAccountSchema.extend({ confirm: confirmationSchema(DELETE_CONFIRMATION_MESSAGE) });
