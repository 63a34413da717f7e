"use client";

import { useId, type ComponentProps } from "react";

export interface CheckboxFieldProps extends Omit<ComponentProps<"input">, "id" | "type"> {
  label: string;
  name: string;
  error?: string;
}

/** A checkbox with its label beside it (the whole label toggles it) and a linked error. */
export function CheckboxField({ label, name, error, className = "", ...input }: CheckboxFieldProps) {
  const id = `${useId()}-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-red-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed"
          {...input}
        />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
