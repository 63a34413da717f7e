"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import { useActionState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { deleteAccountFormSchema } from "@/lib/validation/account";
import { deleteAccountAction, type DeleteAccountFormState } from "./actions";

type DeleteFields = z.input<typeof deleteAccountFormSchema>;
const FIELDS = ["password", "confirm"] as const;

/** Two deliberate steps: the password, and ticking that deletion cannot be undone. */
export function DeleteAccountForm() {
  const [state, formAction, pending] = useActionState<DeleteAccountFormState, FormData>(deleteAccountAction, null);
  const failure = state?.ok === false ? state : null;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<DeleteFields, unknown, z.output<typeof deleteAccountFormSchema>>({
    resolver: zodResolver(deleteAccountFormSchema),
    defaultValues: { password: "", confirm: false },
  });

  const fieldError = useServerFieldErrors(failure?.fieldErrors, setError, FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <fieldset disabled={pending} className="space-y-4">
        <TextField label="Password" type="password" autoComplete="current-password" error={fieldError("password")} {...register("password")} />
        <CheckboxField label="I understand this cannot be undone" error={fieldError("confirm")} {...register("confirm")} />
        <Button type="submit" variant="danger" pending={pending} pendingText="Deleting…">
          Delete my account
        </Button>
      </fieldset>
    </form>
  );
}
