import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { SignInEvent } from "@/lib/audit/activity";
import { describeUserAgent } from "@/lib/format/user-agent";

export function RecentActivity({ events }: { events: SignInEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No sign-ins yet.</p>;
  const now = new Date();
  return (
    <ul className="divide-y divide-slate-100" data-testid="activity-list">
      {events.map((e) => (
        <li
          key={e.id}
          data-testid="activity-item"
          data-outcome={e.outcome}
          className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between sm:gap-4"
        >
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            {e.outcome === "success" ? <Badge tone="success">Signed in</Badge> : <Badge tone="danger">Failed sign-in</Badge>}
            <span className="text-sm text-slate-900">{describeUserAgent(e.userAgent)}</span>
            <span className="text-sm break-all text-slate-500">{e.ip ?? "unknown IP"}</span>
          </div>
          <span className="shrink-0 text-sm text-slate-500">
            <RelativeTime date={e.createdAt} now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
}
