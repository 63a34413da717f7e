import Form from "next/form";
import { Button } from "@/components/ui/button";

/**
 * "Look up a reference": the request id a user was shown with an error. A GET form to
 * /admin/requests, which sends it on to /admin/requests/{id}. `id` must be unique per page.
 */
export function ReferenceLookup({ id, defaultValue = "" }: { id: string; defaultValue?: string }) {
  return (
    <Form action="/admin/requests" role="search" aria-label="Look up a reference" className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        Reference
      </label>
      <div className="flex min-w-0 flex-1 gap-2">
        <input
          id={id}
          name="reference"
          defaultValue={defaultValue}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="Request id"
          className="block min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm placeholder:font-sans placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600"
        />
        <Button type="submit" variant="secondary" className="shrink-0">
          Look up
        </Button>
      </div>
    </Form>
  );
}
