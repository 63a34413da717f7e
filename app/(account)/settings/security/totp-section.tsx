"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import { confirmTotpAction, disableTotpAction, regenerateCodesAction, startTotpAction, type SecurityFormState } from "./actions";
import { ReauthFields } from "./reauth-fields";
import { RecoveryCodes } from "./recovery-codes";

type Action = (previous: SecurityFormState, data: FormData) => Promise<SecurityFormState>;

function useSecurityAction(action: Action) {
  const [state, formAction, pending] = useActionState<SecurityFormState, FormData>(action, null);
  const failure = state?.ok === false ? state : null;
  const success = state?.ok === true ? state : null;
  return { state, formAction, pending, failure, success };
}

function Outcome({ state }: { state: SecurityFormState }) {
  if (state?.ok === false) return <FormAlert key={state.reference} title={state.formError} reference={state.reference} />;
  return <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />;
}

export function TotpSection({ enabled, since }: { enabled: boolean; since: string | null }) {
  const start = useSecurityAction(startTotpAction);
  const confirm = useSecurityAction(confirmTotpAction);
  const disable = useSecurityAction(disableTotpAction);
  const pendingSecret = start.success?.data as { secret: string; qr: string } | undefined;
  const codes = (confirm.success?.data as { recoveryCodes?: string[] } | undefined)?.recoveryCodes;

  if (codes) {
    return (
      <div className="space-y-4">
        <Outcome state={confirm.state} />
        <RecoveryCodes codes={codes} />
      </div>
    );
  }
  if (enabled) {
    return (
      <form action={disable.formAction} className="space-y-3">
        <p className="text-sm text-slate-700" data-testid="totp-status">
          On{since ? ` since ${new Date(since).toLocaleDateString("en")}` : ""}.
        </p>
        <Outcome state={disable.state} />
        <ReauthFields show={Boolean(disable.failure?.reauthenticate)} />
        <Button type="submit" variant="danger" pending={disable.pending} pendingText="Removing…">
          Remove authenticator app
        </Button>
      </form>
    );
  }
  if (pendingSecret) {
    return (
      <div className="space-y-4">
        <StatusMessage message={start.success?.message ?? null} reference={start.state?.reference} />
        <div className="flex flex-wrap items-start gap-6">
          <div role="img" aria-label="QR code for your authenticator app" className="h-44 w-44 shrink-0 rounded border border-slate-200 bg-white p-1" dangerouslySetInnerHTML={{ __html: pendingSecret.qr }} />
          <div className="min-w-0 flex-1 space-y-2 text-sm text-slate-700">
            <p>Can&apos;t scan it? Enter this key in the app instead:</p>
            <p className="font-mono text-base break-all text-slate-900 select-all" data-testid="totp-secret">
              {pendingSecret.secret.match(/.{1,4}/g)?.join(" ")}
            </p>
          </div>
        </div>
        <form action={confirm.formAction} className="space-y-3">
          {confirm.failure && <FormAlert key={confirm.failure.reference} title={confirm.failure.formError} reference={confirm.failure.reference} />}
          <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} error={confirm.failure?.fieldErrors?.code} />
          <Button type="submit" pending={confirm.pending} pendingText="Checking…">
            Turn on
          </Button>
        </form>
      </div>
    );
  }
  return (
    <form action={start.formAction} className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="totp-status">
        Off.
      </p>
      <Outcome state={start.state} />
      <ReauthFields show={Boolean(start.failure?.reauthenticate)} />
      <Button type="submit" pending={start.pending} pendingText="Preparing…">
        Set up authenticator app
      </Button>
    </form>
  );
}

export function RecoveryCodesSection({ remaining, hasFactor }: { remaining: number; hasFactor: boolean }) {
  const regenerate = useSecurityAction(regenerateCodesAction);
  const codes = (regenerate.success?.data as { recoveryCodes?: string[] } | undefined)?.recoveryCodes;
  if (!hasFactor) return <p className="text-sm text-slate-600">You get recovery codes when you set up an authenticator app.</p>;
  return (
    <form action={regenerate.formAction} className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="recovery-codes-left">
        {remaining} of 10 left.
      </p>
      <Outcome state={regenerate.state} />
      {codes && <RecoveryCodes codes={codes} />}
      <ReauthFields show={Boolean(regenerate.failure?.reauthenticate)} />
      <Button type="submit" variant="secondary" pending={regenerate.pending} pendingText="Creating…">
        Create new recovery codes
      </Button>
    </form>
  );
}
