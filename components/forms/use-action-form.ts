"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, useSyncExternalStore, type FormEvent } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormHandleSubmit,
  type UseFormSetError,
} from "react-hook-form";
import type { z } from "zod";
import type { ActionState, FormFailure, FormSuccess } from "@/lib/forms/form-state";

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
function useServerFieldErrors<T extends FieldValues>(
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
function submitToAction<T extends FieldValues, O>(
  handleSubmit: UseFormHandleSubmit<T, O>,
  formAction: (data: FormData) => void,
): (event: FormEvent<HTMLFormElement>) => Promise<void> {
  return handleSubmit((_values, event) => {
    const form = event?.target;
    if (form instanceof HTMLFormElement) startTransition(() => formAction(new FormData(form)));
  });
}

type Failure<S> = Extract<S, FormFailure<string>>;
type Success<S> = Extract<S, FormSuccess>;

/**
 * A form bound to its server action: the action's state (failure or success), react-hook-form
 * checking the shared zod schema in the browser, the server's field errors on their fields
 * (`fieldError`), and an `onSubmit` that posts only a valid form. Give the <form> both
 * `action={formAction}` (no JavaScript) and `onSubmit={onSubmit}`.
 */
export function useActionForm<S extends ActionState<string>, TIn extends FieldValues, TOut>(options: {
  action: (previous: S, data: FormData) => Promise<S>;
  /** Memoize it when it is built per render (e.g. from the password policy). */
  schema: z.ZodType<TOut, TIn>;
  /** Initial values; after a post without JavaScript, from the failure's `values`. */
  defaultValues: (failure: Failure<S> | null) => DefaultValues<TIn>;
  /** The fields whose server-side errors are shown on the field. */
  serverFields: readonly Path<TIn>[];
}) {
  // S is a plain object (never a promise), so Awaited<S> is S: the casts only say so to React's types.
  const [state, formAction, pending] = useActionState<S, FormData>(options.action as (previous: Awaited<S>, data: FormData) => Promise<S>, null as Awaited<S>);
  const failure = state?.ok === false ? (state as Failure<S>) : null;
  const success = state?.ok === true ? (state as Success<S>) : null;
  const form = useForm<TIn, unknown, TOut>({
    resolver: zodResolver<TIn, unknown, TOut>(options.schema),
    defaultValues: options.defaultValues(failure),
  });
  const fieldError = useServerFieldErrors(failure?.fieldErrors, form.setError, options.serverFields, form.formState.errors);
  return { form, state, failure, success, pending, formAction, fieldError, onSubmit: submitToAction(form.handleSubmit, formAction) };
}
