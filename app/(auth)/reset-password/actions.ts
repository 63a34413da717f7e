"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { readSessionCookie, setSessionCookie } from "@/lib/auth/browser-cookie";
import { resetPassword } from "@/lib/auth/password-reset";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { ensureDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { formText, type FormState } from "@/lib/forms/form-state";
import { fieldErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";
import { resetPasswordSchema } from "@/lib/validation/account";

/** A `token` field error means the link itself is dead: the form then offers a new one. */
type Field = "token" | "password";
export type ResetFormState = FormState<Field>;

const INVALID_LINK = "This reset link is invalid, expired or already used";

export async function resetPasswordAction(_previous: ResetFormState, data: FormData): Promise<ResetFormState> {
  const ctx = contextFromHeaders(await headers());
  const fail = (formError: string, fields?: Partial<Record<Field, string>>): ResetFormState => ({
    ok: false,
    formError,
    fieldErrors: fields,
    reference: ctx.requestId,
  });

  const parsed = resetPasswordSchema(env.PASSWORD_POLICY).safeParse({ token: formText(data, "token"), password: formText(data, "password") });
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    if (fields.token) return fail(INVALID_LINK, { token: fields.token });
    return fail("Check the highlighted fields", { password: fields.password });
  }

  await ensureDatabase();
  let token: string;
  try {
    ({ token } = await resetPassword(parsed.data.token, parsed.data.password, ctx));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === "invalid_or_expired_token") return fail(INVALID_LINK, { token: err.message });
    if (err.code === "validation_error") return fail("Check the highlighted fields", err.extra.fields as Partial<Record<Field, string>>);
    return fail(err.message);
  }
  // Whoever was signed in on this browser before is signed out: the browser now belongs to
  // the account whose password was just set.
  const previous = await readSessionCookie();
  if (previous) await deleteSessionByToken(previous);
  await setSessionCookie(token);
  redirect("/dashboard");
}
