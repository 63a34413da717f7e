"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/forms/form-state";
import { resendVerificationAction } from "../actions";

/** Until the address is verified: what to do, and "Send again" (limited per user and per IP). */
export function VerifyBanner({ email }: { email: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(resendVerificationAction, null);
  return (
    <section aria-labelledby="verify-banner-title" data-testid="verify-banner" className="rounded-xl border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h2 id="verify-banner-title" className="text-base font-semibold text-amber-900">
        Confirm your email address
      </h2>
      <p className="mt-1 text-sm break-words text-amber-900">
        We sent a link to <strong className="break-all">{email}</strong>. Open it to confirm the address is yours; it lets you reset your password if you forget it.
      </p>
      <div className="mt-3 space-y-3">
        {state?.ok === false && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
        <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />
        <form action={formAction}>
          <SubmitButton variant="secondary" size="sm" pendingText="Sending…">
            Send again
          </SubmitButton>
        </form>
      </div>
    </section>
  );
}
