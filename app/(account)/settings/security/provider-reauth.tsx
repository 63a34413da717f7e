"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { reauthWithProviderAction, type SecurityFormState } from "./actions";

/**
 * For a user without a password whose sign-in is no longer recent: the changes on this page
 * need a recent authentication, which their provider can give.
 */
export function ProviderReauth({ providers, from }: { providers: { id: string; name: string }[]; from: string }) {
  const [state, formAction, pending] = useActionState<SecurityFormState, FormData>(reauthWithProviderAction, null);
  return (
    <section aria-labelledby="provider-reauth-title" className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="provider-reauth">
      <h2 id="provider-reauth-title" className="text-sm font-semibold text-amber-900">
        Confirm it&apos;s you
      </h2>
      <p className="mt-1 text-sm text-amber-900">You signed in a while ago. Changes to how you sign in and to your email address need a fresh confirmation.</p>
      {state?.ok === false && (
        <div className="mt-3">
          <FormAlert key={state.reference} title={state.formError} reference={state.reference} />
        </div>
      )}
      <div className="mt-3 flex flex-wrap gap-3">
        {providers.map((p) => (
          <form key={p.id} action={formAction}>
            <input type="hidden" name="provider" value={p.id} />
            <input type="hidden" name="from" value={from} />
            <Button type="submit" variant="secondary" size="sm" pending={pending} pendingText="Opening…">
              Confirm with {p.name}
            </Button>
          </form>
        ))}
      </div>
    </section>
  );
}
