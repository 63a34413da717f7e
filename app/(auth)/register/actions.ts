"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { registerUser } from "@/lib/auth/register";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { registerSchema } from "@/lib/validation/auth";

export type RegisterFormState = ActionState<"name" | "email" | "password">;

export const registerAction = formAction(
  { access: "public", schema: registerSchema(env.PASSWORD_POLICY), fields: ["name", "email", "password"], echo: ["name", "email"], errorFields: { email_taken: "email" } },
  async (input, { ctx }) => {
    const { token } = await registerUser(input, ctx);
    setSessionCookie(await cookies(), token);
    redirect("/dashboard");
  },
);
