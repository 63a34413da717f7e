"use server";

import { FORGOT_MESSAGE, requestPasswordReset } from "@/lib/auth/password-reset";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { forgotPasswordSchema } from "@/lib/validation/account";

export type ForgotFormState = ActionState<"email">;

/**
 * The same confirmation whether or not the email has an account: requestPasswordReset does
 * the account-dependent work after the answer. Only a rate limit answers differently.
 */
export const forgotPasswordAction = formAction(
  { access: "public", schema: forgotPasswordSchema, fields: ["email"], echo: ["email"] },
  async ({ email }, { ctx }) => {
    await requestPasswordReset(email, ctx);
    return { message: FORGOT_MESSAGE };
  },
);
