import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SessionListing } from "@/lib/auth/sessions";
import { describeUserAgent } from "@/lib/format/user-agent";
import { revokeSessionAction } from "./actions";

/**
 * The signed-in user's active sessions, this device first. Every other session gets a
 * "Revoke" button. The caller passes rows it loaded for the user it authenticated.
 */
export function SessionList({ sessions, currentSessionId }: { sessions: SessionListing[]; currentSessionId: string }) {
  if (sessions.length === 0) return <p className="text-sm text-slate-600">No active sessions.</p>;
  const now = new Date();
  const ordered = [...sessions].sort((a, b) => Number(b.id === currentSessionId) - Number(a.id === currentSessionId));

  return (
    <ul className="divide-y divide-slate-100" data-testid="session-list">
      {ordered.map((s) => {
        const current = s.id === currentSessionId;
        const browser = describeUserAgent(s.userAgent);
        const ip = s.ipAddress ?? "unknown IP";
        return (
          <li
            key={s.id}
            data-testid="session-item"
            data-session-id={s.id}
            data-current={current ? "true" : undefined}
            className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                <span className="break-words">{browser}</span>
                {current && <Badge tone="info">This device</Badge>}
              </p>
              <p className="mt-0.5 text-sm break-all text-slate-600">{ip}</p>
              <p className="mt-0.5 text-sm text-slate-500">
                Signed in <RelativeTime date={s.createdAt} now={now} /> · Last seen <RelativeTime date={s.lastSeenAt} now={now} />
              </p>
            </div>
            {!current && (
              <form action={revokeSessionAction} className="shrink-0">
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton variant="danger" size="sm" pendingText="Revoking…" aria-label={`Revoke session ${browser} ${ip}`}>
                  Revoke
                </SubmitButton>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
