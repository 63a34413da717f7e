"use client";

import { createContext, useActionState, useContext } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { mailAction, type MailActionState } from "./actions";

// One action state for the whole list, shown above it: the row whose button was used may
// vanish when the list re-renders (a dropped mail), so the outcome lives outside the rows.

const ActionContext = createContext<((data: FormData) => void) | null>(null);

export function MailActionsProvider({ children }: { children: React.ReactNode }) {
  const [state, formAction] = useActionState<MailActionState, FormData>(mailAction, null);
  return (
    <ActionContext.Provider value={formAction}>
      <div className="space-y-3" data-testid="action-feedback">
        {state?.ok === false && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
        <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} takeFocus />
      </div>
      {children}
    </ActionContext.Provider>
  );
}

/** Retry and Drop for one mail; the recipient is in each button's accessible name. */
export function MailRowActions({ mailId, recipient }: { mailId: string; recipient: string }) {
  const formAction = useContext(ActionContext);
  if (!formAction) throw new Error("MailRowActions must be inside MailActionsProvider");
  return (
    <div className="flex flex-wrap gap-2">
      {(["retry", "drop"] as const).map((intent) => (
        <form key={intent} action={formAction}>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="mailId" value={mailId} />
          <SubmitButton
            size="sm"
            variant={intent === "retry" ? "secondary" : "danger"}
            pendingText={intent === "retry" ? "Queuing…" : "Dropping…"}
            aria-label={`${intent === "retry" ? "Retry" : "Drop"} the mail to ${recipient}`}
          >
            {intent === "retry" ? "Retry" : "Drop"}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
