"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { deleteAccountFormSchema } from "@/lib/validation/account";
import { deleteAccountAction } from "./actions";

const FIELDS = ["password", "confirm"] as const;

/** Two deliberate steps: the password, and ticking that deletion cannot be undone. */
export function DeleteAccountForm() {
  const { form, failure, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: deleteAccountAction,
    schema: deleteAccountFormSchema,
    defaultValues: () => ({ password: "", confirm: false }),
    serverFields: FIELDS,
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <fieldset disabled={pending} className="space-y-4">
        <TextField label="Password" type="password" autoComplete="current-password" error={fieldError("password")} {...form.register("password")} />
        <CheckboxField label="I understand this cannot be undone" error={fieldError("confirm")} {...form.register("confirm")} />
        <Button type="submit" variant="danger" pending={pending} pendingText="Deleting…">
          Delete my account
        </Button>
      </fieldset>
    </form>
  );
}
