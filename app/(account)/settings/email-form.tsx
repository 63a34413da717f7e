"use client";

import { EmailField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { emailChangeSchema } from "@/lib/validation/account";
import { changeEmailAction } from "./actions";
import { ReauthFields } from "./security/reauth-fields";

const SERVER_FIELDS = ["email"] as const;

/** A new address: a link goes there, and the change happens when it is used. Needs a recent sign-in (asked inline). */
export function EmailForm() {
  const { form, state, failure, success, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: changeEmailAction,
    schema: emailChangeSchema,
    defaultValues: (failed) => ({ email: failed?.values?.email ?? "" }),
    serverFields: SERVER_FIELDS,
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="email-form">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={success?.message ?? null} reference={state?.reference} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField label="New email address" autoComplete="off" error={fieldError("email")} defaultValue={failure?.values?.email} {...form.register("email")} />
        <ReauthFields show={Boolean(failure?.reauthenticate)} />
        <Button type="submit" pending={pending} pendingText="Sending…">
          Send a confirmation link
        </Button>
      </fieldset>
    </form>
  );
}
