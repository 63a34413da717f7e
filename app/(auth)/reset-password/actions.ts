"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/auth/password-reset";
import { SESSION_COOKIE, setSessionCookie } from "@/lib/auth/session-cookie";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { resetPasswordSchema } from "@/lib/validation/account";

/** A `token` field error means the link itself is dead: the form then offers a new one. */
export type ResetFormState = ActionState<"token" | "password">;

export const resetPasswordAction = formAction(
  { access: "public", schema: resetPasswordSchema(env.PASSWORD_POLICY), fields: ["token", "password"], errorFields: { invalid_or_expired_token: "token" } },
  async (input, { ctx }) => {
    const { token } = await resetPassword(input.token, input.password, ctx);
    // Whoever was signed in on this browser before is signed out: the browser now belongs to
    // the account whose password was just set.
    const jar = await cookies();
    const previous = jar.get(SESSION_COOKIE)?.value;
    if (previous) await deleteSessionByToken(previous);
    setSessionCookie(jar, token);
    redirect("/dashboard");
  },
);
