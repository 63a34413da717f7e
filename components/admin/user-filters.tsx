import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { ROLE_OPTIONS } from "@/lib/users/role-options";

const ROLES = [{ value: "", label: "Any role" }, ...ROLE_OPTIONS];
const STATUSES = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "deactivated", label: "Deactivated" },
  { value: "locked", label: "Locked" },
];
const SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "last_sign_in", label: "Last sign-in" },
];

/** The user search as a GET form: every search has a URL to share or come back to. */
export function UserFilters({ values }: { values: Record<string, string> }) {
  const filtered = ["query", "role", "status", "sort"].some((k) => values[k]);
  return (
    <Form action="/admin" role="search" aria-label="Find users" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]">
        <TextField
          label="Search"
          name="query"
          type="search"
          defaultValue={values.query}
          placeholder="Email or name"
          autoCapitalize="none"
          spellCheck={false}
          className="sm:col-span-2 lg:col-span-1"
        />
        <SelectField label="Role" name="role" options={ROLES} defaultValue={values.role ?? ""} />
        <SelectField label="Status" name="status" options={STATUSES} defaultValue={values.status ?? ""} />
        <SelectField label="Sort" name="sort" options={SORTS} defaultValue={values.sort ?? "newest"} />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit">Search</Button>
        {filtered && (
          <Link href="/admin" className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Clear filters
          </Link>
        )}
      </div>
    </Form>
  );
}
