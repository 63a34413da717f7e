"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { setSessionCookie } from "@/lib/auth/browser-cookie";
import { safeNextPath } from "@/lib/auth/next-path";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ensureDatabase } from "@/lib/db/client";
import { formText, type FormState } from "@/lib/forms/form-state";
import { fieldErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";
import { loginSchema } from "@/lib/validation/auth";

export type LoginFormState = FormState<"email" | "password">;

export async function signInAction(_previous: LoginFormState, data: FormData): Promise<LoginFormState> {
  const ctx = contextFromHeaders(await headers());
  const email = formText(data, "email");
  const parsed = loginSchema.safeParse({ email, password: formText(data, "password") });
  if (!parsed.success) {
    return { ok: false, formError: "Check the highlighted fields", fieldErrors: fieldErrors(parsed.error), reference: ctx.requestId, values: { email } };
  }

  await ensureDatabase();
  let token: string;
  try {
    ({ token } = await signInWithPassword(parsed.data, ctx));
  } catch (err) {
    // invalid_credentials, and whatever else sign-in refuses with (busy, lockout, rate
    // limit): its message is written for the user and never says which part was wrong.
    if (err instanceof ApiError) return { ok: false, formError: err.message, reference: ctx.requestId, values: { email } };
    throw err;
  }
  await setSessionCookie(token);
  redirect(safeNextPath(formText(data, "next")));
}
