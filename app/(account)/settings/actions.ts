"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/auth/change-password";
import { EMAIL_CHANGE_MESSAGE, requestEmailChange } from "@/lib/email/change";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { deleteOwnAccount, updateName } from "@/lib/users/account";
import { changePasswordSchema, deleteAccountFormSchema, emailChangeSchema, nameFormSchema } from "@/lib/validation/account";

// The signed-in user's own account. Every action acts on the session's user, never on an id
// from the form.

export type NameFormState = ActionState<"name">;
export type EmailFormState = ActionState<"email">;
export type PasswordFormState = ActionState<"current_password" | "new_password">;
export type DeleteAccountFormState = ActionState<"password" | "confirm">;

function revalidateAccountPages() {
  revalidatePath("/settings");
  revalidatePath("/dashboard");
}

export const updateNameAction = formAction(
  { access: "account:use", schema: nameFormSchema, fields: ["name"], echo: ["name"] },
  async ({ name }, { ctx, session }) => {
    await updateName(session.user.id, name, ctx, session.user.id);
    revalidateAccountPages();
    return { message: "Name saved." };
  },
);

/** A link to the new address (a notice to the old one); the address changes when it is used. Needs a recent sign-in, which the form can give inline. */
export const changeEmailAction = formAction(
  { access: "account:use", recentAuth: true, schema: emailChangeSchema, fields: ["email"], echo: ["email"], errorFields: { email_taken: "email" } },
  async ({ email }, { ctx, session }) => {
    await requestEmailChange(session.user.id, email, ctx);
    revalidateAccountPages();
    return { message: EMAIL_CHANGE_MESSAGE };
  },
);

/** Keeps this session and signs every other one out. */
export const changePasswordAction = formAction(
  { access: "account:use", schema: changePasswordSchema(env.PASSWORD_POLICY), fields: ["current_password", "new_password"] },
  async (input, { ctx, session }) => {
    await changePassword(session, input.current_password, input.new_password, ctx);
    revalidateAccountPages();
    return { message: "Password changed. Your other sessions were signed out; this one stays signed in." };
  },
);

/** Deletes the signed-in user's own account after checking their password; signs this browser out. */
export const deleteAccountAction = formAction(
  { access: "account:use", schema: deleteAccountFormSchema, fields: ["password", "confirm"] },
  async ({ password }, { ctx, session }) => {
    await deleteOwnAccount(session, password, ctx);
    clearSessionCookie(await cookies());
    redirect("/login?deleted=1");
  },
);
