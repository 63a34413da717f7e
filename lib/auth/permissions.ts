import { env } from "@/lib/env";
import { Role } from "@/lib/generated/prisma/enums";
import { ApiError, forbidden } from "@/lib/http/errors";

// Who may do what: the one table. Pages, server actions, route handlers and the console's
// navigation all ask `can(...)`; no other file lists roles. Roles are re-read from the
// database on every request (resolveSession joins the user row), never from a cached token.
//
// `staff: true` marks a power over other people's accounts or the whole instance; those are
// what the console needs. Self-service permissions (`account:*`) belong to every role. A
// session of a role in MFA_REQUIRED_ROLES (default admin, support) holds its staff powers
// only at level 2, i.e. signed in with a second factor or a passkey (SPEC 10).

const EVERYONE = Object.values(Role);
const STAFF = [Role.support, Role.admin];
const ADMIN = [Role.admin];

export const PERMISSIONS = {
  "account:use": { roles: EVERYONE, staff: false, summary: "Read and change one's own account, sessions and data" },
  "users:read": { roles: STAFF, staff: true, summary: "Search users; read a user's profile, sessions and sign-in diagnosis" },
  "users:unlock": { roles: STAFF, staff: true, summary: "Clear a lockout, failure streak and sign-in rate limit" },
  "users:revoke-sessions": { roles: STAFF, staff: true, summary: "Sign a user out of one or all sessions" },
  "users:send-reset": { roles: STAFF, staff: true, summary: "Mail a user a password reset link" },
  "users:send-verification": { roles: STAFF, staff: true, summary: "Mail a user a new link to verify their email address" },
  "users:update": { roles: ADMIN, staff: true, summary: "Change another user's name" },
  "users:role": { roles: ADMIN, staff: true, summary: "Change a user's role" },
  "users:deactivate": { roles: ADMIN, staff: true, summary: "Deactivate or reactivate a user" },
  "users:delete": { roles: ADMIN, staff: true, summary: "Delete a user" },
  "users:export": { roles: ADMIN, staff: true, summary: "Export everything stored about another user" },
  "users:reset-factors": { roles: ADMIN, staff: true, summary: "Remove a user's second factors" },
  "audit:read": { roles: STAFF, staff: true, summary: "Read the audit log" },
  "requests:read": { roles: STAFF, staff: true, summary: "Look up one request by its reference" },
  "metrics:read": { roles: ADMIN, staff: true, summary: "Read Prometheus metrics and the request summary" },
  "mail:manage": { roles: ADMIN, staff: true, summary: "See undelivered mail; retry or drop it" },
} as const satisfies Record<string, { roles: readonly Role[]; staff: boolean; summary: string }>;

export type Permission = keyof typeof PERMISSIONS;

/** Anything that knows the user's role: a resolved session (with its level), or the role itself. */
type Subject = Role | { user: { role: Role }; level?: number };

const roleOf = (subject: Subject): Role => (typeof subject === "string" ? subject : subject.user.role);

function roleHolds(subject: Subject, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(roleOf(subject));
}

/** Whether the role holds the permission but this session must first prove a second factor. */
export function needsSecondFactor(subject: Subject, permission: Permission): boolean {
  if (typeof subject === "string" || subject.level === undefined) return false;
  return PERMISSIONS[permission].staff && env.MFA_REQUIRED_ROLES.includes(roleOf(subject)) && subject.level < 2 && roleHolds(subject, permission);
}

/** Whether a role's staff powers need a second factor (MFA_REQUIRED_ROLES). */
export function roleNeedsSecondFactor(role: Role): boolean {
  return env.MFA_REQUIRED_ROLES.includes(role) && isStaff(role);
}

export function can(subject: Subject, permission: Permission): boolean {
  return roleHolds(subject, permission) && !needsSecondFactor(subject, permission);
}

export const mfaRequired = () =>
  new ApiError("mfa_required", "Staff powers need a sign-in with a second factor: set one up in Settings → Security, then sign in again");

/** 403 forbidden unless the subject holds the permission; 403 mfa_required when only the second factor is missing. */
export function assertCan(subject: Subject, permission: Permission): void {
  if (!roleHolds(subject, permission)) throw forbidden();
  if (needsSecondFactor(subject, permission)) throw mfaRequired();
}

/** Whether a role holds any staff permission (the console is theirs, with a second factor where required). */
export function isStaff(role: Role): boolean {
  return (Object.keys(PERMISSIONS) as Permission[]).some((p) => PERMISSIONS[p].staff && roleHolds(role, p));
}

export const ROLES = EVERYONE;
