"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/auth/change-password";
import { clearSessionCookie, readSessionCookie } from "@/lib/auth/browser-cookie";
import { requireUser } from "@/lib/auth/guards";
import { resolveSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { formText, type ActionState, type FormFailure } from "@/lib/forms/form-state";
import { fieldErrors } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { contextFromHeaders } from "@/lib/http/request-context";
import { deleteUser, updateName } from "@/lib/users/account";
import { changePasswordSchema, deleteAccountFormSchema, nameFormSchema } from "@/lib/validation/account";

// The signed-in user's own account. Every action reads the user from the session, never
// from the form.

const CHECK_FIELDS = "Check the highlighted fields";

export type NameFormState = ActionState<"name">;
export type PasswordFormState = ActionState<"current_password" | "new_password">;
export type DeleteAccountFormState = ActionState<"password" | "confirm">;

function failure<F extends string>(reference: string, formError: string, fields?: Partial<Record<F, string>>, values?: Partial<Record<F, string>>): FormFailure<F> {
  return { ok: false, formError, fieldErrors: fields, reference, values };
}

export async function updateNameAction(_previous: NameFormState, data: FormData): Promise<NameFormState> {
  const { user } = await requireUser("/settings");
  const ctx = contextFromHeaders(await headers());
  const name = formText(data, "name");
  const parsed = nameFormSchema.safeParse({ name });
  if (!parsed.success) return failure(ctx.requestId, CHECK_FIELDS, fieldErrors(parsed.error), { name });

  await updateName(user.id, parsed.data.name, ctx, user.id);
  revalidatePath("/settings");
  revalidatePath("/dashboard");
  return { ok: true, message: "Name saved.", reference: ctx.requestId };
}

export async function changePasswordAction(_previous: PasswordFormState, data: FormData): Promise<PasswordFormState> {
  await requireUser("/settings");
  const ctx = contextFromHeaders(await headers());
  const parsed = changePasswordSchema(env.PASSWORD_POLICY).safeParse({
    current_password: formText(data, "current_password"),
    new_password: formText(data, "new_password"),
  });
  if (!parsed.success) return failure(ctx.requestId, CHECK_FIELDS, fieldErrors(parsed.error));

  // changePassword keeps this session and revokes the others, so it needs this session's row.
  const session = await resolveSession((await readSessionCookie()) ?? "");
  if (!session) redirect("/login?next=/settings");
  try {
    await changePassword(session, parsed.data.current_password, parsed.data.new_password, ctx);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === "validation_error") return failure(ctx.requestId, CHECK_FIELDS, err.extra.fields as Record<string, string>);
    return failure(ctx.requestId, err.message);
  }
  revalidatePath("/settings");
  revalidatePath("/dashboard");
  return { ok: true, message: "Password changed. Your other sessions were signed out; this one stays signed in.", reference: ctx.requestId };
}

/** Deletes the signed-in user's own account after checking their password; signs this browser out. */
export async function deleteAccountAction(_previous: DeleteAccountFormState, data: FormData): Promise<DeleteAccountFormState> {
  const { user } = await requireUser("/settings");
  const ctx = contextFromHeaders(await headers());
  const parsed = deleteAccountFormSchema.safeParse({ password: formText(data, "password"), confirm: data.get("confirm") });
  if (!parsed.success) return failure(ctx.requestId, CHECK_FIELDS, fieldErrors(parsed.error));

  try {
    await deleteUser(user.id, user.id, ctx, parsed.data.password);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === "validation_error") return failure(ctx.requestId, CHECK_FIELDS, err.extra.fields as Record<string, string>);
    // 409 last_admin: the message says what to do first.
    return failure(ctx.requestId, err.message);
  }
  await clearSessionCookie();
  redirect("/login?deleted=1");
}
