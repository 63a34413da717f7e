"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { formAction } from "@/lib/forms/form-action";
import { formText, type ActionState } from "@/lib/forms/form-state";
import { loginSchema } from "@/lib/validation/auth";

export type LoginFormState = ActionState<"email" | "password">;

// Whatever sign-in refuses with (wrong credentials, busy, lockout, rate limit) shows as the
// form's message, written for the user; it never says which part was wrong.
export const signInAction = formAction(
  { access: "public", schema: loginSchema, fields: ["email", "password"], echo: ["email"] },
  async (input, { ctx, data }) => {
    const { token } = await signInWithPassword(input, ctx);
    setSessionCookie(await cookies(), token);
    redirect(safeNextPath(formText(data, "next")));
  },
);
