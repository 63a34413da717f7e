"use client";

import { startTransition, useEffect, type FormEvent } from "react";
import type { FieldValues, Path, UseFormHandleSubmit, UseFormSetError } from "react-hook-form";

// The bridge every form uses between react-hook-form (checks in the browser with the shared
// zod schema) and its server action (which re-checks and may refuse): field errors from the
// server land on their fields, and a valid form posts its FormData to the action. Without
// JavaScript the <form action> posts directly.

/** Puts the server's field errors on the form's fields. */
export function useServerFieldErrors<T extends FieldValues>(
  fieldErrors: Partial<Record<string, string>> | undefined,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): void {
  useEffect(() => {
    for (const field of fields) {
      const message = fieldErrors?.[field];
      if (message) setError(field, { message });
    }
  }, [fieldErrors, setError, fields]);
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
