import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";
import { forbidden } from "@/lib/http/errors";
import type { ResolvedSession } from "./sessions";

// Roles come from the database on every request (resolveSession joins the user row), never
// from a cached token. Matrix (SPEC 5): support and admin read users and the audit log and
// can unlock / revoke / send reset links; only admin changes roles, (de)activates, deletes.

export const STAFF_ROLES: readonly Role[] = ["support", "admin"];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

export function assertRole(session: ResolvedSession, ...roles: Role[]): void {
  if (!roles.includes(session.user.role)) throw forbidden();
}

/** Self, or one of the given roles. */
export function assertSelfOr(session: ResolvedSession, userId: string, ...roles: Role[]): void {
  if (session.user.id !== userId && !roles.includes(session.user.role)) throw forbidden();
}
