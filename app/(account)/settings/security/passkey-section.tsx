"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { describePasskeyError, reauthenticateWithPassword, registerPasskey, type ApiFailure } from "@/components/passkeys/passkey-client";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { TextField } from "@/components/ui/text-field";
import type { FactorSummary } from "@/lib/mfa/factors";
import { removePasskeyAction, type SecurityFormState } from "./actions";
import { ReauthFields } from "./reauth-fields";

export function PasskeySection({ passkeys }: { passkeys: FactorSummary["passkeys"] }) {
  const router = useRouter();
  const [remove, removeAction, removing] = useActionState<SecurityFormState, FormData>(removePasskeyAction, null);
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const needsReauth = failure?.error === "reauthentication_required";

  async function add(data: FormData) {
    setAdding(true);
    setFailure(null);
    setAdded(null);
    const name = String(data.get("name") ?? "").trim() || "Passkey";
    try {
      const password = String(data.get("reauth_password") ?? "");
      if (password) await reauthenticateWithPassword(password);
      await registerPasskey(name);
      setAdded(`Passkey "${name}" added.`);
      router.refresh();
    } catch (err) {
      setFailure(describePasskeyError(err));
    } finally {
      setAdding(false);
    }
  }

  return (
    <div className="space-y-5">
      {remove?.ok === false && <FormAlert key={remove.reference} title={remove.formError} reference={remove.reference} />}
      <StatusMessage message={remove?.ok ? remove.message : added} reference={remove?.reference} />
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-600">No passkeys yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="passkey-row">
              <div className="text-sm">
                <p className="font-medium text-slate-900">{p.name}</p>
                <p className="text-slate-600">
                  Added {new Date(p.created_at).toLocaleDateString("en")}
                  {p.last_used_at ? `, last used ${new Date(p.last_used_at).toLocaleDateString("en")}` : ", not used yet"}
                </p>
              </div>
              <form action={removeAction} className="flex items-end gap-2">
                <input type="hidden" name="passkeyId" value={p.id} />
                <ReauthFields show={Boolean(remove?.ok === false && remove.reauthenticate)} />
                <Button type="submit" variant="danger" size="sm" pending={removing} pendingText="Removing…" aria-label={`Remove passkey ${p.name}`}>
                  Remove
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={add} className="space-y-3">
        {failure && <FormAlert title={failure.message} reference={failure.request_id} />}
        <TextField label="Name for a new passkey" name="name" defaultValue="" placeholder="e.g. Work laptop" maxLength={60} />
        <ReauthFields show={needsReauth} />
        <Button type="submit" variant="secondary" pending={adding} pendingText="Waiting for your device…">
          Add a passkey
        </Button>
      </form>
    </div>
  );
}
