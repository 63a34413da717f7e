"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { EmailField } from "@/components/forms/fields";
import { submitToAction, useServerFieldErrors } from "@/components/forms/use-action-form";
import Link from "next/link";
import { useActionState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { loginSchema } from "@/lib/validation/auth";
import { signInAction, type LoginFormState } from "./actions";

type LoginFields = z.input<typeof loginSchema>;

const LOGIN_FIELDS = ["email", "password"] as const;

export function LoginForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState<LoginFormState, FormData>(signInAction, null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginFields, unknown, z.output<typeof loginSchema>>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: state?.values?.email ?? "", password: "" },
  });

  const fieldError = useServerFieldErrors(state?.fieldErrors, setError, LOGIN_FIELDS, errors);

  const onSubmit = submitToAction(handleSubmit, formAction);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {state && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
      <input type="hidden" name="next" value={next} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField
          error={fieldError("email")}
          defaultValue={state?.values?.email}
          {...register("email")}
        />
        <div>
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            error={fieldError("password")}
            {...register("password")}
          />
          <p className="mt-2 text-right text-sm">
            <Link href="/forgot-password" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
              Forgot password?
            </Link>
          </p>
        </div>
        <Button type="submit" fullWidth pending={pending} pendingText="Signing in…">
          Sign in
        </Button>
      </fieldset>
    </form>
  );
}
