"use client";

import { EmailField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import Link from "next/link";
import { useEffect } from "react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { signInWithPasskey } from "@/components/passkeys/passkey-client";
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

  // Browser autofill of passkeys (conditional mediation): the email field offers them; a
  // chosen passkey signs in without the form. Unsupported browsers and cancels change nothing.
  useEffect(() => {
    let active = true;
    void (async () => {
      const { browserSupportsWebAuthnAutofill } = await import("@simplewebauthn/browser");
      if (!active || !(await browserSupportsWebAuthnAutofill())) return;
      try {
        await signInWithPasskey({ autofill: true });
        window.location.assign(next);
      } catch {
        // No passkey chosen, or the button's request took over: the form stays.
      }
    })();
    return () => {
      active = false;
    };
  }, [next]);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      <input type="hidden" name="next" value={next} />
      <fieldset disabled={pending} className="space-y-4">
        <EmailField
          autoComplete="username webauthn"
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
      <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <PasskeyButton next={next} />
    </form>
  );
}
