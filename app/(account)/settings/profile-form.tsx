"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import { nameFormSchema } from "@/lib/validation/account";
import { updateNameAction } from "./actions";

const SERVER_FIELDS = ["name"] as const;

export function ProfileForm({ name }: { name: string }) {
  const { form, state, failure, success, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: updateNameAction,
    schema: nameFormSchema,
    defaultValues: (failed) => ({ name: failed?.values?.name ?? name }),
    serverFields: SERVER_FIELDS,
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={success?.message ?? null} reference={state?.reference} />
      <fieldset disabled={pending} className="space-y-4">
        <TextField label="Name" autoComplete="name" error={fieldError("name")} defaultValue={failure?.values?.name ?? name} {...form.register("name")} />
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save name
        </Button>
      </fieldset>
    </form>
  );
}
