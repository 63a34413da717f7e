"use client";

import { NewPasswordField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import Link from "next/link";
import { useMemo } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { PasswordPolicy } from "@/lib/validation/auth";
import { resetPasswordSchema } from "@/lib/validation/account";
import { resetPasswordAction } from "./actions";


const SERVER_FIELDS = ["password"] as const;

export function ResetPasswordForm({ token, policy }: { token: string; policy: PasswordPolicy }) {
  const schema = useMemo(() => resetPasswordSchema(policy), [policy]);
  const { form, failure, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: resetPasswordAction,
    schema,
    defaultValues: () => ({ token, password: "" }),
    serverFields: SERVER_FIELDS,
  });
  const { register, control } = form;
  const password = useWatch({ control, name: "password" }) ?? "";
  const deadLink = Boolean(failure?.fieldErrors?.token || form.formState.errors.token);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && (
        <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference}>
          {deadLink && (
            <p className="mt-1">
              Reset links work once and expire.{" "}
              <Link href="/forgot-password" className="font-medium underline underline-offset-2">
                Request a new link
              </Link>
            </p>
          )}
        </FormAlert>
      )}
      {/* A value in the HTML, not only in the form library's state: posted without JavaScript too. */}
      <input type="hidden" {...register("token")} value={token} />
      <fieldset disabled={pending} className="space-y-4">
        <NewPasswordField
          policy={policy}
          password={password}
          userInputs={[]}
          error={fieldError("password")}
          {...register("password")}
        />
        <Button type="submit" fullWidth pending={pending} pendingText="Saving…">
          Set new password
        </Button>
      </fieldset>
    </form>
  );
}
