"use client";

import { startTransition, useEffect, useSyncExternalStore, type FormEvent } from "react";
import { get, type FieldErrors, type FieldValues, type Path, type UseFormHandleSubmit, type UseFormSetError } from "react-hook-form";

// The bridge every form uses between react-hook-form (checks in the browser with the shared
// zod schema) and its server action (which re-checks and may refuse): field errors from the
// server land on their fields, and a valid form posts its FormData to the action. Without
// JavaScript the <form action> posts directly.

const noSubscription = () => () => {};

/** False in the server render (and so without JavaScript), true once the page is hydrated. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * Puts the server's field errors on the form's fields, and returns the message to show for a
 * field. Once hydrated, react-hook-form owns the errors (the server's are copied in and clear
 * when the field is corrected); before that, which is always the case without JavaScript,
 * the server's message is shown straight from the action's state.
 */
export function useServerFieldErrors<T extends FieldValues>(
  fieldErrors: Partial<Record<string, string>> | undefined,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  errors: FieldErrors<T>,
): (field: Path<T>) => string | undefined {
  const hydrated = useHydrated();
  useEffect(() => {
    for (const field of fields) {
      const message = fieldErrors?.[field];
      if (message) setError(field, { message });
    }
  }, [fieldErrors, setError, fields]);
  return (field) => (get(errors, field) as { message?: string } | undefined)?.message ?? (hydrated ? undefined : fieldErrors?.[field]);
}

/** An onSubmit that validates in the browser first, then sends the form to the action. */
export function submitToAction<T extends FieldValues, O>(
  handleSubmit: UseFormHandleSubmit<T, O>,
  formAction: (data: FormData) => void,
): (event: FormEvent<HTMLFormElement>) => Promise<void> {
  return handleSubmit((_values, event) => {
    const form = event?.target;
    if (form instanceof HTMLFormElement) startTransition(() => formAction(new FormData(form)));
  });
}
