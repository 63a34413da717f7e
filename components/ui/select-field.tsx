"use client";

import { useId, type ComponentProps } from "react";

export interface SelectFieldProps extends Omit<ComponentProps<"select">, "id"> {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  error?: string;
}

/** A labelled native select, styled like TextField; its error is announced with it. */
export function SelectField({ label, name, options, error, className = "", ...select }: SelectFieldProps) {
  const id = `${useId()}-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`mt-1 block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-0 disabled:cursor-not-allowed disabled:bg-slate-100 ${
          error ? "border-red-500 focus:outline-red-600" : "border-slate-300 focus:outline-indigo-600"
        }`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
