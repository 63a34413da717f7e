"use client";

import { useId, type ComponentProps } from "react";

export interface TextFieldProps extends Omit<ComponentProps<"input">, "id"> {
  label: string;
  name: string;
  error?: string;
  /** Help shown under the field and linked to it. */
  hint?: React.ReactNode;
  /** Ids of other elements that describe the field (e.g. a live strength hint). */
  describedBy?: string;
  children?: React.ReactNode;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ label, name, error, hint, describedBy, children, className = "", ...input }: TextFieldProps) {
  const id = `${useId()}-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error && errorId, hint && hintId, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`mt-1 block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 ${
          error ? "border-red-500 focus:outline-red-600" : "border-slate-300 focus:outline-indigo-600"
        }`}
        {...input}
      />
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
      {hint && (
        <div id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </div>
      )}
      {children}
    </div>
  );
}
