"use client";

import { useEffect, useRef } from "react";

export interface FormAlertProps {
  title: string;
  /** The request id, for support staff. */
  reference?: string;
  children?: React.ReactNode;
}

/**
 * The message above a form after a failed submission. It takes focus when it appears, so
 * keyboard and screen-reader users land on it; give it a new `key` per submission so a
 * repeated failure moves focus again.
 */
export function FormAlert({ title, reference, children }: FormAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      data-testid="form-alert"
      className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800 focus:outline-2 focus:outline-offset-2 focus:outline-red-600"
    >
      <p className="font-medium">{title}</p>
      {children}
      {reference && (
        <p className="mt-1 text-red-700">
          Reference: <span data-testid="error-reference" className="font-mono break-all select-all">{reference}</span>
        </p>
      )}
    </div>
  );
}
