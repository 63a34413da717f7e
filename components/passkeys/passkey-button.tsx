"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { describePasskeyError, signInWithPasskey, type ApiFailure } from "./passkey-client";

/** "Sign in with a passkey" (alone on /login, or as the second factor on /login/verify). */
export function PasskeyButton({ next, secondFactor = false, label = "Sign in with a passkey" }: { next: string; secondFactor?: boolean; label?: string }) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function run() {
    setPending(true);
    setFailure(null);
    try {
      await signInWithPasskey({ secondFactor });
      window.location.assign(next);
    } catch (err) {
      setFailure(describePasskeyError(err));
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {failure && <FormAlert title={failure.message} reference={failure.request_id} />}
      <Button type="button" variant="secondary" fullWidth pending={pending} pendingText="Waiting for your passkey…" onClick={run}>
        {label}
      </Button>
    </div>
  );
}
