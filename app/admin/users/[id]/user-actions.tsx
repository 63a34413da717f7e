"use client";

import { createContext, useActionState, useContext, useRef, useState } from "react";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import type { ButtonProps } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { userAction, type UserActionState } from "./actions";

// Every staff action on the user page posts to one action through this provider, so the
// outcome stays on screen (and takes focus) even when the button that caused it disappears
// as the page re-renders (e.g. "Unlock" once the user is no longer locked).

interface Ctx {
  formAction: (data: FormData) => void;
  userId: string;
}
const ActionContext = createContext<Ctx | null>(null);

function useUserAction(): Ctx {
  const ctx = useContext(ActionContext);
  if (!ctx) throw new Error("UserActionForm must be inside UserActionsProvider");
  return ctx;
}

export function UserActionsProvider({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [state, formAction] = useActionState<UserActionState, FormData>(userAction, null);
  return (
    <ActionContext.Provider value={{ formAction, userId }}>
      <div className="space-y-6">
        <div className="space-y-3" data-testid="action-feedback">
          {state?.ok === false && <FormAlert key={state.reference} title={state.formError} reference={state.reference} />}
          <StatusMessage message={state?.ok ? state.message : null} reference={state?.reference} takeFocus />
        </div>
        {children}
      </div>
    </ActionContext.Provider>
  );
}

/** A form that posts one intent for this user; extra fields go in `children`. */
export function UserActionForm({ intent, children, className = "", onSubmit }: { intent: string; children: React.ReactNode; className?: string; onSubmit?: React.FormEventHandler<HTMLFormElement> }) {
  const { formAction, userId } = useUserAction();
  return (
    <form action={formAction} onSubmit={onSubmit} className={className}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      {children}
    </form>
  );
}

/** One button, one action: Unlock, Send password reset link, Revoke… */
export function UserActionButton({
  intent,
  pendingText,
  fields,
  children,
  ...button
}: Omit<ButtonProps, "type" | "pending"> & { intent: string; pendingText: string; fields?: Record<string, string> }) {
  return (
    <UserActionForm intent={intent}>
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton pendingText={pendingText} {...button}>
        {children}
      </SubmitButton>
    </UserActionForm>
  );
}

/**
 * A destructive action behind a confirmation checkbox. The box is checked here first (focus
 * moves to it with an error) and again on the server, which also covers posts without JavaScript.
 */
export function ConfirmedUserAction({ intent, confirmLabel, error, pendingText, children }: { intent: string; confirmLabel: string; error: string; pendingText: string; children: React.ReactNode }) {
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  return (
    <UserActionForm
      intent={intent}
      className="space-y-3"
      onSubmit={(event) => {
        if (box.current?.checked) return;
        event.preventDefault();
        setMissing(true);
        box.current?.focus();
      }}
    >
      <CheckboxField ref={box} name="confirm" label={confirmLabel} error={missing ? error : undefined} onChange={(e) => e.target.checked && setMissing(false)} />
      <SubmitButton variant="danger" pendingText={pendingText}>
        {children}
      </SubmitButton>
    </UserActionForm>
  );
}
