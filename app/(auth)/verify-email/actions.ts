"use server";

import { revalidatePath } from "next/cache";
import { confirmEmailToken } from "@/lib/email/verification";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { emailTokenSchema } from "@/lib/validation/account";

export type VerifyEmailState = ActionState<"token">;

// The button on /verify-email: the link's token is used only by this POST, never by opening
// the page, so a mail scanner that follows the link does not spend it.
export const verifyEmailAction = formAction(
  { access: "public", schema: emailTokenSchema, fields: ["token"], messageFromFields: true },
  async ({ token }, { ctx }) => {
    const { purpose, email } = await confirmEmailToken(token, ctx);
    revalidatePath("/dashboard");
    revalidatePath("/settings");
    return { message: purpose === "change" ? `Your email address is now ${email}.` : `${email} is verified. Thank you!` };
  },
);
