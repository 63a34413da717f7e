import { describeAuditEvent } from "@/lib/audit/describe";
import { formatRelativeTime, formatUtc } from "@/lib/format/time";
import { describeUserAgent } from "@/lib/format/user-agent";
import { userStatus } from "@/lib/users/status";
import type { AuditRow, Blocker, FactorSummary, Inspection, SessionRow, UserProfile } from "./staff-api";

// `inspect` for a terminal: what the support console's user page shows, as plain text.

const date = (iso: string | null) => (iso ? new Date(iso) : null);

function when(iso: string | null, now: Date): string {
  const d = date(iso);
  return d ? `${formatUtc(d)} (${formatRelativeTime(d, now)})` : "never";
}

/** Names, user agents and IPs come from users: control characters could drive the reader's terminal. */
const printable = (line: string) => line.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");

/** Rows as left-aligned columns two spaces apart, indented. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join("  ")}`.trimEnd());
}

function statusText(user: UserProfile, now: Date): string {
  const status = userStatus({ isActive: user.is_active, lockedUntil: date(user.locked_until) }, now);
  if (status === "locked") return `locked until ${formatUtc(new Date(user.locked_until!))}`;
  if (status === "deactivated" && user.deactivated_at) return `deactivated since ${formatUtc(new Date(user.deactivated_at))}`;
  return status;
}

function profileLines(user: UserProfile, now: Date): string[] {
  return [
    user.name ? `${user.name} <${user.email}>` : user.email,
    ...columns([
      ["id", user.id],
      ["email", user.email],
      ["name", user.name ?? "not set"],
      ["role", user.role],
      ["status", statusText(user, now)],
      ["failed sign-ins", `${user.failed_login_count} in a row`],
      ["created", when(user.created_at, now)],
      ["last sign-in", when(user.last_login_at, now)],
    ]),
  ];
}

function sessionLines(sessions: SessionRow[], now: Date): string[] {
  if (sessions.length === 0) return ["  none"];
  return columns([
    ["BROWSER", "IP", "CREATED", "LAST SEEN"],
    ...sessions.map((s) => [describeUserAgent(s.user_agent), s.ip_address ?? "unknown", formatUtc(new Date(s.created_at)), formatRelativeTime(new Date(s.last_seen_at), now)]),
  ]);
}

function eventLines(events: AuditRow[], userId: string): string[] {
  if (events.length === 0) return ["  none recorded"];
  return columns(
    events.map((e) => {
      const who = [e.actor_id && e.actor_id !== userId ? `by ${e.actor_id}` : "", e.target_user_id && e.target_user_id !== userId ? `on ${e.target_user_id}` : ""];
      return [formatUtc(new Date(e.created_at)), e.ip ?? "-", [describeAuditEvent(e), ...who].filter(Boolean).join(", "), e.request_id ? `[${e.request_id}]` : ""];
    }),
  );
}

function blockerLines(blockers: Blocker[]): string[] {
  return blockers.flatMap((b) => [`  ${b.summary}`, ...(b.remedy ? [`    -> ${b.remedy}`] : [])]);
}

function factorLines(f: FactorSummary): string[] {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");
  return [
    `  Authenticator app: ${f.totp.enabled ? `on since ${day(f.totp.created_at)}` : "off"}`,
    `  Passkeys: ${f.passkeys.length === 0 ? "none" : f.passkeys.map((p) => `${p.name} (last used ${day(p.last_used_at)})`).join(", ")}`,
    `  Recovery codes left: ${f.recovery_codes.remaining}`,
  ];
}

export function formatInspection({ user, blockers, factors, sessions, recent_activity: activity }: Inspection, now = new Date()): string {
  return [
    ...profileLines(user, now),
    "",
    "Why can't they sign in?",
    ...blockerLines(blockers),
    "",
    "Second factors",
    ...factorLines(factors),
    "",
    `Active sessions (${sessions.length})`,
    ...sessionLines(sessions, now),
    "",
    `Recent activity (latest ${activity.events.length} of ${activity.total})`,
    ...eventLines(activity.events, user.id),
  ]
    .map(printable)
    .join("\n");
}
