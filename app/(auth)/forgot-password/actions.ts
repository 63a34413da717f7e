"use server";

import { headers } from "next/headers";
import { FORGOT_MESSAGE, requestPasswordReset } from "@/lib/auth/password-reset";
import { ensureDatabase } from "@/lib/db/client";
import { formText, type ActionState } from "@/lib/forms/form-state";
import { fieldErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";
import { forgotPasswordSchema } from "@/lib/validation/account";

export type ForgotFormState = ActionState<"email">;

/**
 * The same confirmation whether or not the email has an account: requestPasswordReset does
 * the account-dependent work after the answer. Only a rate limit answers differently.
 */
export async function forgotPasswordAction(_previous: ForgotFormState, data: FormData): Promise<ForgotFormState> {
  const ctx = contextFromHeaders(await headers());
  const email = formText(data, "email");
  const parsed = forgotPasswordSchema.safeParse({ email });
  if (!parsed.success) {
    return { ok: false, formError: "Check the highlighted fields", fieldErrors: fieldErrors(parsed.error), reference: ctx.requestId, values: { email } };
  }

  await ensureDatabase();
  try {
    await requestPasswordReset(parsed.data.email, ctx);
  } catch (err) {
    // 429 "Too many attempts, try again in N s".
    if (err instanceof ApiError) return { ok: false, formError: err.message, reference: ctx.requestId, values: { email } };
    throw err;
  }
  return { ok: true, message: FORGOT_MESSAGE, reference: ctx.requestId };
}
