"use client";

import { EmailField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { loginSchema } from "@/lib/validation/auth";
import { signInAction } from "./actions";

const LOGIN_FIELDS = ["email", "password"] as const;

export function LoginForm({ next }: { next: string }) {
  const { form, failure, pending, formAction, fieldError, onSubmit } = useActionForm({
    action: signInAction,
    schema: loginSchema,
    defaultValues: (failed) => ({ email: failed?.values?.email ?? "", password: "" }),
    serverFields: LOGIN_FIELDS,
  });
  const { register } = form;

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <input type="hidden" name="next" value={next} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField
          error={fieldError("email")}
          defaultValue={failure?.values?.email}
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
