"use client";

import { useEffect, useRef } from "react";

/**
 * The confirmation after a successful submission, in a live region that is always in the
 * page (a region inserted together with its text is often not announced). With
 * `takeFocus`, the message also takes focus, for actions whose button may vanish when the
 * page updates; `reference` changes per submission so a repeated success does it again.
 */
export function StatusMessage({ message, reference, takeFocus = false }: { message?: string | null; reference?: string; takeFocus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus && message) ref.current?.focus();
  }, [takeFocus, message, reference]);
  return (
    <div role="status" data-testid="form-status">
      {message && (
        <div
          ref={ref}
          tabIndex={-1}
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm font-medium text-emerald-800 focus:outline-2 focus:outline-offset-2 focus:outline-emerald-600"
        >
          {message}
        </div>
      )}
    </div>
  );
}
