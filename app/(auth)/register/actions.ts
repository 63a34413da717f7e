"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { setSessionCookie } from "@/lib/auth/browser-cookie";
import { registerUser } from "@/lib/auth/register";
import { ensureDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { formText, type FormState } from "@/lib/forms/form-state";
import { fieldErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";
import { registerSchema } from "@/lib/validation/auth";

type Field = "name" | "email" | "password";
export type RegisterFormState = FormState<Field>;

const CHECK_FIELDS = "Check the highlighted fields";

export async function registerAction(_previous: RegisterFormState, data: FormData): Promise<RegisterFormState> {
  const ctx = contextFromHeaders(await headers());
  const values = { name: formText(data, "name"), email: formText(data, "email") };
  const fail = (formError: string, fields?: Partial<Record<Field, string>>): RegisterFormState => ({
    ok: false,
    formError,
    fieldErrors: fields,
    reference: ctx.requestId,
    values,
  });

  const parsed = registerSchema(env.PASSWORD_POLICY).safeParse({ ...values, password: formText(data, "password") });
  if (!parsed.success) return fail(CHECK_FIELDS, fieldErrors(parsed.error));

  await ensureDatabase();
  let token: string;
  try {
    ({ token } = await registerUser(parsed.data, ctx));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === "email_taken") return fail(err.message, { email: "This email is already registered" });
    if (err.code === "validation_error") return fail(CHECK_FIELDS, err.extra.fields as Partial<Record<Field, string>>);
    return fail(err.message);
  }
  await setSessionCookie(token);
  redirect("/dashboard");
}
