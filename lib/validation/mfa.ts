import { z } from "zod";

// Second factors: shared by the JSON routes and the forms.

export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code" })
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

export const recoveryCodeSchema = z
  .string({ error: "Enter a recovery code" })
  .trim()
  .min(10, "Recovery codes look like abcde-fghij")
  .max(40, "Recovery codes look like abcde-fghij");

export const mfaTokenSchema = z.string({ error: "mfa_token is required" }).min(1, "mfa_token is required").max(128);

export const totpConfirmSchema = z.object({ code: totpCodeSchema });

/** POST /api/auth/login/mfa: the token of the first step and one code. */
export const loginMfaSchema = z.union(
  [
    z.object({ mfa_token: mfaTokenSchema, code: totpCodeSchema }).strict(),
    z.object({ mfa_token: mfaTokenSchema, recovery_code: recoveryCodeSchema }).strict(),
  ],
  { error: "Send mfa_token with code or with recovery_code" },
);

/** POST /api/auth/reauthenticate: the password, or a code. */
export const reauthenticateSchema = z.union(
  [z.object({ password: z.string().min(1, "Password is required").max(1024) }).strict(), z.object({ code: totpCodeSchema }).strict()],
  { error: "Send password or code" },
);

export const passkeyNameSchema = z.string({ error: "Name the passkey" }).trim().min(1, "Name the passkey").max(60, "At most 60 characters");

/** A WebAuthn response as @simplewebauthn/browser returns it; the library checks the rest. */
const webauthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(8192) }),
});

export const passkeyRegisterSchema = z.object({ response: webauthnResponse, name: passkeyNameSchema });
/** `second_factor: true`: the browser's second step, whose mfa_token is in its httpOnly cookie. */
export const passkeyLoginOptionsSchema = z.object({ mfa_token: mfaTokenSchema.optional(), second_factor: z.literal(true).optional() });
export const passkeyLoginSchema = z.object({ response: webauthnResponse, mfa_token: mfaTokenSchema.optional(), second_factor: z.literal(true).optional() });

/** The /login/verify form: an authenticator code, or a recovery code. */
export const verifyFormSchema = z
  .object({ code: z.string().max(20), recovery_code: z.string().max(40) })
  .superRefine((v, ctx) => {
    if (!v.code.trim() && !v.recovery_code.trim()) ctx.addIssue({ code: "custom", path: [v.recovery_code === "" ? "code" : "recovery_code"], message: "Enter the 6-digit code from your authenticator app" });
  });
