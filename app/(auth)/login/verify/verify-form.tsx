"use client";

import { useActionState, useState } from "react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { SignInMethod } from "@/lib/mfa/factors";
import { verifyCodeAction, type VerifyFormState } from "./actions";

/** The second step: a code from the authenticator app, a recovery code, or a passkey. */
export function VerifyForm({ next, methods }: { next: string; methods: SignInMethod[] }) {
  const [state, formAction, pending] = useActionState<VerifyFormState, FormData>(verifyCodeAction, null);
  const [useRecovery, setUseRecovery] = useState(!methods.includes("totp") && methods.includes("recovery_code"));
  const failure = state?.ok === false ? state : null;
  const showCodes = methods.includes("totp") || methods.includes("recovery_code");

  return (
    <div className="mt-6 space-y-6">
      {failure && <FormAlert key={failure.reference} title={failure.formError} reference={failure.reference} />}
      {methods.includes("passkey") && <PasskeyButton secondFactor next={next} label="Use a passkey" />}
      {showCodes && (
        <form action={formAction} className="space-y-4">
          <input type="hidden" name="next" value={next} />
          <fieldset disabled={pending} className="space-y-4">
            {useRecovery ? (
              <>
                <TextField label="Recovery code" name="recovery_code" autoComplete="off" autoCapitalize="none" spellCheck={false} hint="One of the codes you saved when you set up your second factor, like abcde-fghij. Each works once." error={failure?.fieldErrors?.recovery_code} />
                <input type="hidden" name="code" value="" />
              </>
            ) : (
              <>
                <TextField label="Authenticator code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} hint="The 6-digit code your authenticator app shows for Latchkey." error={failure?.fieldErrors?.code} autoFocus />
                <input type="hidden" name="recovery_code" value="" />
              </>
            )}
            <Button type="submit" fullWidth pending={pending} pendingText="Checking…">
              Confirm
            </Button>
          </fieldset>
          {methods.includes("recovery_code") && methods.includes("totp") && (
            <button type="button" onClick={() => setUseRecovery(!useRecovery)} className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
              {useRecovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
            </button>
          )}
        </form>
      )}
    </div>
  );
}
