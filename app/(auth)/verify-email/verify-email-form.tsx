"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { verifyEmailAction, type VerifyEmailState } from "./actions";

/** One button that uses the link; works as a plain form post without JavaScript. */
export function VerifyEmailForm({ token }: { token: string }) {
  const [state, formAction] = useActionState<VerifyEmailState, FormData>(verifyEmailAction, null);
  return (
    <div className="mt-6 space-y-4">
      {state?.ok === false && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
      <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} takeFocus />
      {state?.ok ? (
        <Link
          href="/dashboard"
          className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:text-base"
        >
          Go to your dashboard
        </Link>
      ) : (
        <form action={formAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton fullWidth pendingText="Confirming…">
            Confirm my email address
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
