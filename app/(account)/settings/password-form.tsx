"use client";

import { NewPasswordField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { useEffect, useMemo } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import type { PasswordPolicy } from "@/lib/validation/auth";
import { changePasswordSchema } from "@/lib/validation/account";
import { changePasswordAction } from "./actions";

const FIELDS = ["current_password", "new_password"] as const;

export function PasswordForm({ policy, email, name }: { policy: PasswordPolicy; email: string; name: string }) {
  const schema = useMemo(() => changePasswordSchema(policy), [policy]);
  const { form, state, failure, success, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: changePasswordAction,
    schema,
    defaultValues: () => ({ current_password: "", new_password: "" }),
    serverFields: FIELDS,
  });
  const { register, reset, control } = form;
  const newPassword = useWatch({ control, name: "new_password" }) ?? "";

  // Passwords never stay in the form after they were accepted.
  useEffect(() => {
    if (success) reset();
  }, [success, reset]);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <StatusMessage message={success?.message ?? null} reference={state?.reference} />
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
