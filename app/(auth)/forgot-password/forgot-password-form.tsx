"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { EmailField } from "@/components/forms/fields";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import { useActionState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { forgotPasswordSchema } from "@/lib/validation/account";
import { forgotPasswordAction, type ForgotFormState } from "./actions";

type ForgotFields = z.input<typeof forgotPasswordSchema>;

const SERVER_FIELDS = ["email"] as const;

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<ForgotFormState, FormData>(forgotPasswordAction, null);
  const failure = state?.ok === false ? state : null;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ForgotFields, unknown, z.output<typeof forgotPasswordSchema>>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: failure?.values?.email ?? "" },
  });

  const fieldError = useServerFieldErrors(failure?.fieldErrors, setError, SERVER_FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField
          error={fieldError("email")}
          defaultValue={failure?.values?.email}
          {...register("email")}
        />
        <Button type="submit" fullWidth pending={pending} pendingText="Sending…">
          Send reset link
        </Button>
      </fieldset>
    </form>
  );
}
