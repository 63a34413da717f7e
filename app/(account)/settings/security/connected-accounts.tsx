"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { connectProviderAction, disconnectProviderAction, type SecurityFormState } from "./actions";
import { ReauthFields } from "./reauth-fields";

export interface ProviderRow {
  id: string;
  name: string;
  /** ISO date when connected; null when not. */
  connectedAt: string | null;
}

function Outcome({ state }: { state: SecurityFormState }) {
  if (state?.ok === false) return <FormAlert key={state.reference} title={state.formError} reference={state.reference} />;
  return <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} takeFocus />;
}

function ProviderItem({ row, hasPassword }: { row: ProviderRow; hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState<SecurityFormState, FormData>(row.connectedAt ? disconnectProviderAction : connectProviderAction, null);
  const askReauth = state?.ok === false && Boolean(state.reauthenticate);
  return (
    <li className="py-3" data-testid={`provider-${row.id}`}>
      <form action={formAction} className="space-y-3">
        <input type="hidden" name="provider" value={row.id} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <p className="text-sm font-medium text-slate-900">{row.name}</p>
            <p className="text-sm text-slate-600">{row.connectedAt ? `Connected on ${new Date(row.connectedAt).toLocaleDateString("en")}` : "Not connected"}</p>
          </div>
          {row.connectedAt ? (
            <Button type="submit" variant="danger" size="sm" pending={pending} pendingText="Disconnecting…" aria-label={`Disconnect ${row.name}`}>
              Disconnect
            </Button>
          ) : (
            <Button type="submit" variant="secondary" size="sm" pending={pending} pendingText="Opening…" aria-label={`Connect ${row.name}`}>
              Connect
            </Button>
          )}
        </div>
        <Outcome state={state} />
        {askReauth && !hasPassword && (
          <p className="text-sm text-slate-700">You have no password: sign out and sign in again to confirm it&apos;s you, or set a password with “Forgot password”.</p>
        )}
        <ReauthFields show={askReauth && hasPassword} />
      </form>
    </li>
  );
}

export function ConnectedAccounts({ rows, hasPassword }: { rows: ProviderRow[]; hasPassword: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No sign-in providers are set up on this site.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Sign-in providers">
      {rows.map((row) => (
        <ProviderItem key={row.id} row={row} hasPassword={hasPassword} />
      ))}
    </ul>
  );
}
