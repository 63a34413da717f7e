import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { SignInEvent } from "@/lib/audit/activity";
import { auditTypeLabel } from "@/lib/audit/describe";
import { describeUserAgent } from "@/lib/format/user-agent";

export function RecentActivity({ events }: { events: SignInEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No activity yet.</p>;
  const now = new Date();
  return (
    <ul className="divide-y divide-slate-100" data-testid="activity-list">
      {events.map((e) => (
        <li key={e.id} data-testid="activity-item" data-outcome={e.outcome} className="py-3 first:pt-0 last:pb-0">
          <p className="flex flex-wrap items-center gap-2">
            {e.type !== "login" ? (
              <Badge tone="info">{auditTypeLabel(e.type)}</Badge>
            ) : e.outcome === "success" ? (
              <Badge tone="success">Signed in</Badge>
            ) : (
              <Badge tone="danger">Failed sign-in</Badge>
            )}
            <span className="text-sm font-medium text-slate-900">{describeUserAgent(e.userAgent)}</span>
          </p>
          <p className="mt-1 text-sm break-all text-slate-500">
            <RelativeTime date={e.createdAt} now={now} /> · {e.ip ?? "unknown IP"}
          </p>
        </li>
      ))}
    </ul>
  );
}
