"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import { useActionState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import { nameFormSchema } from "@/lib/validation/account";
import { updateNameAction, type NameFormState } from "./actions";

type NameFields = z.input<typeof nameFormSchema>;

const SERVER_FIELDS = ["name"] as const;

export function ProfileForm({ name }: { name: string }) {
  const [state, formAction, pending] = useActionState<NameFormState, FormData>(updateNameAction, null);
  const failure = state?.ok === false ? state : null;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<NameFields, unknown, z.output<typeof nameFormSchema>>({
    resolver: zodResolver(nameFormSchema),
    defaultValues: { name: failure?.values?.name ?? name },
  });

  const fieldError = useServerFieldErrors(failure?.fieldErrors, setError, SERVER_FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />
      <fieldset disabled={pending} className="space-y-4">
        <TextField label="Name" autoComplete="name" error={fieldError("name")} defaultValue={failure?.values?.name ?? name} {...register("name")} />
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save name
        </Button>
      </fieldset>
    </form>
  );
}
