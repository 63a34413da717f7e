import type { ComponentProps } from "react";

/**
 * A table that scrolls sideways inside its own box on narrow screens. The box is a named,
 * focusable region so keyboard users can scroll it too; the caption names the table.
 */
export function DataTable({ caption, children, ...props }: ComponentProps<"table"> & { caption: string }) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm" {...props}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={`bg-slate-50 px-3 py-2 align-top font-medium whitespace-nowrap text-slate-700 ${scope === "row" ? "bg-transparent" : ""} ${className}`}
      {...props}
    />
  );
}

export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`px-3 py-2 align-top text-slate-700 ${className}`} {...props} />;
}
