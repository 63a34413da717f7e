"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { NewPasswordField } from "@/components/forms/fields";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import { useActionState, useEffect, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import type { PasswordPolicy } from "@/lib/validation/auth";
import { changePasswordSchema } from "@/lib/validation/account";
import { changePasswordAction, type PasswordFormState } from "./actions";

type Schema = ReturnType<typeof changePasswordSchema>;
type PasswordFields = z.input<Schema>;
const FIELDS = ["current_password", "new_password"] as const;

export function PasswordForm({ policy, email, name }: { policy: PasswordPolicy; email: string; name: string }) {
  const [state, formAction, pending] = useActionState<PasswordFormState, FormData>(changePasswordAction, null);
  const failure = state?.ok === false ? state : null;
  const schema = useMemo(() => changePasswordSchema(policy), [policy]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors },
  } = useForm<PasswordFields, unknown, z.output<Schema>>({
    resolver: zodResolver(schema),
    defaultValues: { current_password: "", new_password: "" },
  });
  const newPassword = useWatch({ control, name: "new_password" }) ?? "";

  const fieldError = useServerFieldErrors(failure?.fieldErrors, setError, FIELDS, errors);

  // Passwords never stay in the form after they were accepted.
  useEffect(() => {
    if (state?.ok) reset();
  }, [state, reset]);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <fieldset disabled={pending} className="space-y-4">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={fieldError("current_password")}
          {...register("current_password")}
        />
        <NewPasswordField
          policy={policy}
          password={newPassword}
          userInputs={[name, email]}
          error={fieldError("new_password")}
          {...register("new_password")}
        />
        <Button type="submit" pending={pending} pendingText="Changing password…">
          Change password
        </Button>
      </fieldset>
    </form>
  );
}
