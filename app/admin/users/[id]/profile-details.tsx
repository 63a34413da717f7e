import { RoleBadge, UserStatusBadge } from "@/components/admin/user-badges";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatUtc } from "@/lib/format/time";
import type { getProfile } from "@/lib/users/account";
import { userStatus } from "@/lib/users/status";

type Profile = Awaited<ReturnType<typeof getProfile>>;

function When({ date, now, never = "Never" }: { date: Date | null; now: Date; never?: string }) {
  if (!date) return <span className="text-slate-500">{never}</span>;
  return (
    <>
      <RelativeTime date={date} now={now} /> <span className="text-slate-500">({formatUtc(date)})</span>
    </>
  );
}

export function ProfileDetails({ user, now, pendingEmailChange }: { user: Profile; now: Date; pendingEmailChange: { email: string; expires: Date } | null }) {
  const locked = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
  const rows: [string, React.ReactNode][] = [
    ["Email", <span key="email" className="break-all">{user.email}</span>],
    ["Email verified", <When key="verified" date={user.emailVerified} now={now} never="Not verified" />],
    [
      "Pending email change",
      pendingEmailChange ? (
        <span key="pending" className="break-all">
          to {pendingEmailChange.email}, link valid until {formatUtc(pendingEmailChange.expires)}
        </span>
      ) : (
        <span key="pending" className="text-slate-500">None</span>
      ),
    ],
    ["Name", user.name || <span className="text-slate-500">Not set</span>],
    ["Role", <RoleBadge key="role" role={user.role} />],
    ["Status", <UserStatusBadge key="status" status={userStatus(user, now)} />],
    ["Failed sign-ins in a row", String(user.failedLoginCount)],
    ["Locked until", locked ? formatUtc(locked) : <span className="text-slate-500">Not locked</span>],
    ["Last sign-in", <When key="last" date={user.lastLoginAt} now={now} />],
    ["Created", <When key="created" date={user.createdAt} now={now} />],
    ...(user.deactivatedAt ? [["Deactivated", <When key="deactivated" date={user.deactivatedAt} now={now} />] as [string, React.ReactNode]] : []),
    ["User id", <span key="id" className="font-mono text-xs break-all">{user.id}</span>],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]" data-testid="profile-details">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600">{term}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
