"use client";

import { EmailField, NewPasswordField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { useMemo } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { registerSchema, type PasswordPolicy } from "@/lib/validation/auth";
import { registerAction } from "./actions";

const FIELDS = ["name", "email", "password"] as const;

export function RegisterForm({ policy }: { policy: PasswordPolicy }) {
  const schema = useMemo(() => registerSchema(policy), [policy]);
  const { form, failure, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: registerAction,
    schema,
    defaultValues: (failed) => ({ name: failed?.values?.name ?? "", email: failed?.values?.email ?? "", password: "" }),
    serverFields: FIELDS,
  });
  const { register, control } = form;
  const [password = "", name = "", email = ""] = useWatch({ control, name: ["password", "name", "email"] });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <fieldset disabled={pending} className="space-y-4">
        <TextField
          label="Name"
          autoComplete="name"
          error={fieldError("name")}
          defaultValue={failure?.values?.name}
          {...register("name")}
        />
        <EmailField
          error={fieldError("email")}
          defaultValue={failure?.values?.email}
          {...register("email")}
        />
        <NewPasswordField
          label="Password"
          policy={policy}
          password={password}
          userInputs={[name, email]}
          error={fieldError("password")}
          {...register("password")}
        />
        <Button type="submit" fullWidth pending={pending} pendingText="Creating account…">
          Create account
        </Button>
      </fieldset>
    </form>
  );
}
