import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable, Td, Th } from "@/components/ui/table";
import type { SessionListing } from "@/lib/auth/sessions";
import { describeUserAgent } from "@/lib/format/user-agent";
import { UserActionButton } from "./user-actions";


export function UserSessions({ sessions, now }: { sessions: SessionListing[]; now: Date }) {
  if (sessions.length === 0) return <p className="text-sm text-slate-600">No active sessions.</p>;
  return (
    <div className="space-y-4">
      <DataTable caption="Active sessions">
        <thead>
          <tr>
            <Th>Browser</Th>
            <Th>IP</Th>
            <Th>Signed in</Th>
            <Th>Last seen</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {sessions.map((s) => {
            const browser = describeUserAgent(s.userAgent);
            const ip = s.ipAddress ?? "unknown IP";
            return (
              <tr key={s.id} data-testid="session-row" data-session-id={s.id}>
                <Th scope="row" className="font-medium text-slate-900">
                  {browser}
                </Th>
                <Td className="font-mono text-xs whitespace-nowrap">{ip}</Td>
                <Td className="whitespace-nowrap">
                  <RelativeTime date={s.createdAt} now={now} />
                </Td>
                <Td className="whitespace-nowrap">
                  <RelativeTime date={s.lastSeenAt} now={now} />
                </Td>
                <Td className="text-right">
                  <UserActionButton
                    intent="revoke_session"
                    fields={{ sessionId: s.id }}
                    variant="danger"
                    size="sm"
                    pendingText="Revoking…"
                    aria-label={`Revoke session ${browser} ${ip}`}
                  >
                    Revoke
                  </UserActionButton>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <UserActionButton intent="revoke_sessions" variant="danger" pendingText="Revoking…">
        Revoke all sessions
      </UserActionButton>
    </div>
  );
}
