"use client";

import { useActionState } from "react";
import { StatusMessage } from "@/components/ui/status-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { revokeOtherSessionsAction, type SignOutOthersState } from "./actions";

export function SignOutOthers() {
  const [state, formAction] = useActionState<SignOutOthersState, FormData>(revokeOtherSessionsAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} />
      <SubmitButton variant="danger" pendingText="Signing out…">
        Sign out everywhere else
      </SubmitButton>
    </form>
  );
}
