import type { AuditType } from "./audit";

// Audit events in words for the support console. Pure: no database, safe to unit-test.

export const AUDIT_TYPE_LABELS = {
  login: "Sign-in",
  logout: "Sign-out",
  register: "Registration",
  session_revoked: "Session revoked",
  session_refreshed: "Session refreshed",
  lockout: "Lockout",
  rate_limited: "Rate limited",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  password_reset_completed: "Password reset completed",
  unlock: "Unlock",
  role_changed: "Role changed",
  user_deactivated: "User deactivated",
  user_reactivated: "User reactivated",
  user_deleted: "User deleted",
  data_export: "Data export",
  profile_updated: "Profile updated",
  user_created: "User created",
  pruned: "Housekeeping",
  factor_added: "Second factor added",
  factor_removed: "Second factor removed",
  recovery_codes_created: "New recovery codes",
  recovery_code_used: "Recovery code used",
  factors_reset: "Second factors reset",
  reauthenticated: "Re-authenticated",
  mail_retried: "Mail retried",
  mail_dropped: "Mail dropped",
  account_linked: "Account connected",
  account_unlinked: "Account disconnected",
  email_verification_sent: "Verification link sent",
  email_verified: "Email verified",
  email_change_requested: "Email change requested",
  email_changed: "Email changed",
} as const satisfies Record<AuditType, string>;

const LIMIT_LABELS: Record<string, string> = {
  loginIp: "sign-ins per IP",
  loginEmail: "sign-ins per email",
  apiIp: "API requests per IP",
  registerIp: "registrations per IP",
  registerEmail: "registrations per email",
  forgotIp: "reset requests per IP",
  forgotEmail: "reset requests per email",
  mfaIp: "second-factor attempts per IP",
  verifyMailUser: "verification links per user",
  verifyMailIp: "verification links per IP",
};

export interface DescribableEvent {
  type: string;
  outcome: string;
  metadata: unknown;
}

type Meta = Record<string, unknown>;

const PROVIDER_LABELS: Record<string, string> = { oidc: "the company identity provider", github: "GitHub", google: "Google" };
const provider = (id: unknown) => PROVIDER_LABELS[String(id)] ?? words(id);
const words = (s: unknown) => String(s).replace(/_/g, " ");
const plural = (n: unknown, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;

function asMeta(metadata: unknown): Meta {
  return metadata && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Meta) : {};
}

export function auditTypeLabel(type: string): string {
  return (AUDIT_TYPE_LABELS as Record<string, string>)[type] ?? words(type).replace(/^./, (c) => c.toUpperCase());
}

/** One sentence a support person can read out: "Sign-in failed: wrong password". */
export function describeAuditEvent(e: DescribableEvent): string {
  const m = asMeta(e.metadata);
  const failed = e.outcome !== "success";
  const reason = m.reason !== undefined ? `: ${words(m.reason)}` : "";
  switch (e.type) {
    case "login":
      if (failed) return `Sign-in failed${reason}`;
      if (m.stage === "password") return "Password accepted; asked for the second factor";
      if (m.stage === "provider") return `Signed in with ${provider(m.provider)}; asked for the second factor`;
      if (m.method === "federated") return `Signed in with ${provider(m.provider)}`;
      return m.method === "passkey" ? "Signed in with a passkey" : m.method === "totp" ? "Signed in with an authenticator code" : m.method === "recovery_code" ? "Signed in with a recovery code" : "Signed in";
    case "logout":
      return "Signed out";
    case "register":
      if (m.provider) return failed ? `Registration with ${provider(m.provider)} failed${reason}` : `Registered with ${provider(m.provider)}`;
      return failed ? `Registration failed${reason}` : "Registered an account";
    case "account_linked":
      return failed ? `Connecting ${provider(m.provider)} failed${reason}` : `Connected ${provider(m.provider)}`;
    case "account_unlinked":
      return failed ? `Disconnecting ${provider(m.provider)} refused${reason}` : `Disconnected ${provider(m.provider)}`;
    case "session_revoked":
      if (m.all_others) return `Signed out every other session${m.count !== undefined ? ` (${m.count})` : ""}`;
      if (m.all) return `All sessions revoked${m.count !== undefined ? ` (${m.count})` : ""}`;
      return "One session revoked";
    case "session_refreshed":
      return "Session token refreshed";
    case "lockout":
      return `Sign-in locked after ${plural(m.failures ?? "several", "failed attempt")}${typeof m.lock_s === "number" ? ` for ${Math.round(m.lock_s / 60)} min` : ""}`;
    case "rate_limited":
      return `Rate limit hit${typeof m.limit === "string" ? ` on ${LIMIT_LABELS[m.limit] ?? m.limit}` : ""}${m.retry_after !== undefined ? `; retry after ${m.retry_after} s` : ""}`;
    case "password_changed":
      if (failed) return `Password change failed${reason}`;
      return `Password changed${m.sessions_revoked !== undefined ? `; ${plural(m.sessions_revoked, "other session")} signed out` : ""}`;
    case "password_reset_requested":
      if (!failed) return "Password reset link sent";
      return m.reason === "unknown_email"
        ? "Password reset asked for an email with no account"
        : m.reason === "deactivated"
          ? "Password reset asked for a deactivated account"
          : `Password reset request failed${reason}`;
    case "password_reset_completed":
      return failed ? `Password reset failed${m.reason === "unknown_token" ? ": unknown link" : m.reason ? `: ${words(m.reason)} link` : ""}` : "Password reset with an emailed link";
    case "unlock":
      return "Unlocked by staff";
    case "role_changed":
      return m.from !== undefined && m.to !== undefined ? `Role changed from ${m.from} to ${m.to}` : "Role changed";
    case "user_deactivated":
      return `Account deactivated${m.sessions_revoked !== undefined ? ` (${plural(m.sessions_revoked, "session")} revoked)` : ""}`;
    case "user_reactivated":
      return "Account reactivated";
    case "user_deleted":
      return m.self ? "Account deleted by its owner" : "Account deleted by staff";
    case "data_export":
      return "Account data exported";
    case "pruned":
      return `Old data pruned: ${plural(m.audit_events ?? 0, "audit event")}, ${plural(m.sessions ?? 0, "expired session")}`;
    case "mail_retried":
      return `Undelivered ${words(m.kind ?? "mail")} mail queued again by an admin`;
    case "mail_dropped":
      return `Undelivered ${words(m.kind ?? "mail")} mail dropped by an admin`;
    case "profile_updated":
      return `Profile updated${Array.isArray(m.fields) ? ` (${m.fields.map(words).join(", ")})` : ""}`;
    case "factor_added":
      return m.factor === "passkey" ? `Passkey added${m.name ? ` (${m.name})` : ""}` : "Authenticator app added";
    case "factor_removed":
      return m.factor === "passkey" ? `Passkey removed${m.name ? ` (${m.name})` : ""}` : "Authenticator app removed";
    case "recovery_codes_created":
      return "New recovery codes created; the old ones stopped working";
    case "recovery_code_used":
      return `Recovery code used${m.remaining !== undefined ? `; ${plural(m.remaining, "code")} left` : ""}`;
    case "factors_reset":
      return "Second factors reset by staff";
    case "email_verification_sent":
      return m.by_staff ? "Verification link sent by staff" : "Verification link sent";
    case "email_verified":
      return failed ? `Email verification failed${m.reason === "unknown_token" ? ": unknown link" : reason}` : "Email address verified with the emailed link";
    case "email_change_requested":
      return failed ? `Email change refused${reason}` : "Email change asked for; a link went to the new address";
    case "email_changed":
      return failed ? `Email change failed${reason}` : "Email address changed with the link sent to the new address";
    case "reauthenticated":
      return failed ? `Re-authentication failed${reason}` : "Confirmed it was them again";
    default:
      return `${auditTypeLabel(e.type)}${failed ? " (failed)" : ""}`;
  }
}

const MAX_SUMMARY = 160;

/** Metadata as "key: value · key: value", clipped; "" when there is none. */
export function summarizeMetadata(metadata: unknown): string {
  if (metadata === null || metadata === undefined) return "";
  if (typeof metadata !== "object" || Array.isArray(metadata)) return clip(JSON.stringify(metadata));
  const parts = Object.entries(metadata as Meta).map(([key, value]) => {
    const shown = Array.isArray(value) ? value.map(String).join(", ") : value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
    return `${words(key)}: ${shown}`;
  });
  return clip(parts.join(" · "));
}

function clip(s: string): string {
  return s.length > MAX_SUMMARY ? `${s.slice(0, MAX_SUMMARY - 1)}…` : s;
}
