import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, Td, Th } from "@/components/ui/table";
import { auditTypeLabel, describeAuditEvent, summarizeMetadata } from "@/lib/audit/describe";
import type { queryAudit } from "@/lib/audit/query";
import { formatUtc } from "@/lib/format/time";
import type { UserLabel } from "@/lib/users/lookup";
import { UserRef } from "./user-ref";

export type AuditRow = Awaited<ReturnType<typeof queryAudit>>["events"][number];

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcome === "success" ? "success" : "danger"}>{outcome}</Badge>;
}

/** Audit events, newest first: who did what to whom, from where, in which request. */
export function AuditTable({ events, users, caption }: { events: AuditRow[]; users: Map<string, UserLabel>; caption: string }) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Type</Th>
          <Th>Outcome</Th>
          <Th>Actor</Th>
          <Th>Target</Th>
          <Th>IP</Th>
          <Th>Request</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 bg-white">
        {events.map((e) => {
          const at = new Date(e.created_at);
          const details = summarizeMetadata(e.metadata);
          return (
            <tr key={e.id} data-testid="audit-row" data-type={e.type} data-outcome={e.outcome}>
              <Th scope="row" className="font-normal whitespace-nowrap text-slate-700">
                <time dateTime={e.created_at}>{formatUtc(at).replace(" UTC", "")}</time>
              </Th>
              <Td className="font-medium whitespace-nowrap text-slate-900">{auditTypeLabel(e.type)}</Td>
              <Td>
                <OutcomeBadge outcome={e.outcome} />
              </Td>
              <Td className="min-w-40">
                <UserRef id={e.actor_id} users={users} />
              </Td>
              <Td className="min-w-40">
                <UserRef id={e.target_user_id} users={users} />
              </Td>
              <Td className="font-mono text-xs whitespace-nowrap">{e.ip ?? "—"}</Td>
              <Td className="min-w-48">
                {e.request_id ? (
                  <Link href={`/admin/requests/${encodeURIComponent(e.request_id)}`} className="font-mono text-xs break-all text-indigo-700 underline-offset-2 hover:underline">
                    {e.request_id}
                  </Link>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="min-w-56">
                <p className="text-slate-900">{describeAuditEvent(e)}</p>
                {details && <p className="mt-0.5 text-xs break-all text-slate-500">{details}</p>}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
