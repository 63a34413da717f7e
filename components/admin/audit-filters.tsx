import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { AUDIT_TYPE_LABELS } from "@/lib/audit/describe";

const TYPES = [{ value: "", label: "Any type" }, ...Object.entries(AUDIT_TYPE_LABELS).map(([value, label]) => ({ value, label }))];
const OUTCOMES = [
  { value: "", label: "Any outcome" },
  { value: "success", label: "Success" },
  { value: "failure", label: "Failure" },
];

/** Audit-log filters as a GET form. Dates are read as UTC, like the times in the table. */
export function AuditFilters({ values }: { values: Record<string, string> }) {
  const filtered = ["type", "user", "actor", "outcome", "from", "to", "request_id"].some((k) => values[k]);
  return (
    <Form action="/admin/audit" role="search" aria-label="Filter the audit log" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Type" name="type" options={TYPES} defaultValue={values.type ?? ""} />
        <TextField label="User id" name="user" defaultValue={values.user} autoCapitalize="none" spellCheck={false} hint="Events about or by this user" />
        <TextField label="Actor id" name="actor" defaultValue={values.actor} autoCapitalize="none" spellCheck={false} hint="Events done by this user or staff member" />
        <SelectField label="Outcome" name="outcome" options={OUTCOMES} defaultValue={values.outcome ?? ""} />
        <TextField label="From" name="from" type="datetime-local" defaultValue={values.from} hint="UTC" />
        <TextField label="To" name="to" type="datetime-local" defaultValue={values.to} hint="UTC, inclusive" />
      </div>
      {values.request_id && <input type="hidden" name="request_id" value={values.request_id} />}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit">Filter</Button>
        {filtered && (
          <Link
            href="/admin/audit"
            className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Clear filters
          </Link>
        )}
      </div>
    </Form>
  );
}
