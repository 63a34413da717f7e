"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { EmailField, NewPasswordField } from "@/components/forms/fields";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import { useActionState, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { registerSchema, type PasswordPolicy } from "@/lib/validation/auth";
import { registerAction, type RegisterFormState } from "./actions";

type Schema = ReturnType<typeof registerSchema>;
type RegisterFields = z.input<Schema>;
const FIELDS = ["name", "email", "password"] as const;

export function RegisterForm({ policy }: { policy: PasswordPolicy }) {
  const [state, formAction, pending] = useActionState<RegisterFormState, FormData>(registerAction, null);
  const schema = useMemo(() => registerSchema(policy), [policy]);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<RegisterFields, unknown, z.output<Schema>>({
    resolver: zodResolver(schema),
    defaultValues: { name: state?.values?.name ?? "", email: state?.values?.email ?? "", password: "" },
  });
  const [password = "", name = "", email = ""] = useWatch({ control, name: ["password", "name", "email"] });

  const fieldError = useServerFieldErrors(state?.fieldErrors, setError, FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {state && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
      <fieldset disabled={pending} className="space-y-4">
        <TextField
          label="Name"
          autoComplete="name"
          error={fieldError("name")}
          defaultValue={state?.values?.name}
          {...register("name")}
        />
        <EmailField
          error={fieldError("email")}
          defaultValue={state?.values?.email}
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
