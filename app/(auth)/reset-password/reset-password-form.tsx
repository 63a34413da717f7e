"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { NewPasswordField } from "@/components/forms/fields";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import Link from "next/link";
import { useActionState, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { PasswordPolicy } from "@/lib/validation/auth";
import { resetPasswordSchema } from "@/lib/validation/account";
import { resetPasswordAction, type ResetFormState } from "./actions";

type Schema = ReturnType<typeof resetPasswordSchema>;
type ResetFields = z.input<Schema>;

const SERVER_FIELDS = ["password"] as const;

export function ResetPasswordForm({ token, policy }: { token: string; policy: PasswordPolicy }) {
  const [state, formAction, pending] = useActionState<ResetFormState, FormData>(resetPasswordAction, null);
  const schema = useMemo(() => resetPasswordSchema(policy), [policy]);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<ResetFields, unknown, z.output<Schema>>({
    resolver: zodResolver(schema),
    defaultValues: { token, password: "" },
  });
  const password = useWatch({ control, name: "password" }) ?? "";
  const deadLink = Boolean(state?.fieldErrors?.token || errors.token);

  const fieldError = useServerFieldErrors(state?.fieldErrors, setError, SERVER_FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {state && (
        <FormAlert key={state.reference} title={state.formError} reference={state.reference}>
          {deadLink && (
            <p className="mt-1">
              Reset links work once and expire.{" "}
              <Link href="/forgot-password" className="font-medium underline underline-offset-2">
                Request a new link
              </Link>
            </p>
          )}
        </FormAlert>
      )}
      <input type="hidden" {...register("token")} />
      <fieldset disabled={pending} className="space-y-4">
        <NewPasswordField
          policy={policy}
          password={password}
          userInputs={[]}
          error={fieldError("password")}
          {...register("password")}
        />
        <Button type="submit" fullWidth pending={pending} pendingText="Saving…">
          Set new password
        </Button>
      </fieldset>
    </form>
  );
}
