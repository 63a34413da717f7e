import type { Metadata } from "next";
import { FilterErrors } from "@/components/admin/filter-errors";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/ui/pagination";
import { auditFilterInput } from "@/lib/audit/filters";
import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { requirePermission } from "@/lib/auth/guards";
import { hrefWith, readSearchParams, type RawSearchParams } from "@/lib/http/search-params";
import { findUsersByIds } from "@/lib/users/lookup";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePermission("audit:read");
  const params = readSearchParams(await searchParams);
  const parsed = auditQuerySchema.safeParse(auditFilterInput(params));
  const result = parsed.success ? await queryAudit(parsed.data) : null;
  const users = result ? await findUsersByIds(result.events.flatMap((e) => [e.actor_id, e.target_user_id])) : new Map();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">Security events, newest first. Times are UTC.</p>
      </div>
      <AuditFilters key={JSON.stringify(params)} values={params} />
      {!parsed.success && <FilterErrors error={parsed.error} />}
      {result && result.events.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="no-results">
          No events match these filters.
        </p>
      )}
      {result && result.events.length > 0 && <AuditTable events={result.events} users={users} caption="Audit events" />}
      {result && result.total > 0 && (
        <Pagination
          page={result.page}
          pages={result.pages}
          total={result.total}
          noun={result.total === 1 ? "event" : "events"}
          href={(page) => hrefWith("/admin/audit", params, { page })}
        />
      )}
    </div>
  );
}
