"use client";

import { EmailField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { forgotPasswordSchema } from "@/lib/validation/account";
import { forgotPasswordAction } from "./actions";

const SERVER_FIELDS = ["email"] as const;

export function ForgotPasswordForm() {
  const { form, state, failure, success, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: forgotPasswordAction,
    schema: forgotPasswordSchema,
    defaultValues: (failed) => ({ email: failed?.values?.email ?? "" }),
    serverFields: SERVER_FIELDS,
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={success?.message ?? null} reference={state?.reference} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField
          error={fieldError("email")}
          defaultValue={failure?.values?.email}
          {...form.register("email")}
        />
        <Button type="submit" fullWidth pending={pending} pendingText="Sending…">
          Send reset link
        </Button>
      </fieldset>
    </form>
  );
}
