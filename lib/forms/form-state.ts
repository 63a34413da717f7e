// What a form's server action returns for an expected failure (success redirects). Shared
// by actions and their client forms. `values` repopulates the form when it was posted
// without JavaScript; it never holds a password.
export interface FormFailure<Field extends string = string> {
  ok: false;
  formError: string;
  fieldErrors?: Partial<Record<Field, string>>;
  /** The request id, shown to the user so support staff can look the request up. */
  reference: string;
  values?: Partial<Record<Field, string>>;
  /** The action needs a recent authentication: the form asks for the password or a code, then posts again. */
  reauthenticate?: boolean;
}

export type FormState<Field extends string = string> = FormFailure<Field> | null;

/** For forms that stay on the page after success (settings, staff actions): what to announce. */
export interface FormSuccess {
  ok: true;
  message: string;
  /** Distinguishes repeated identical successes, so each one is announced and shown afresh. */
  reference: string;
  /** What the page shows once (a new TOTP secret, recovery codes); never logged. */
  data?: Record<string, unknown>;
}

export type ActionState<Field extends string = string> = FormFailure<Field> | FormSuccess | null;

/** A text field from FormData; files and missing fields read as "". */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
