export type UserStatus = "active" | "locked" | "deactivated";

/** The status support sees: deactivation first, then a lock still running. */
export function userStatus(user: { isActive: boolean; lockedUntil: Date | null }, now: Date = new Date()): UserStatus {
  if (!user.isActive) return "deactivated";
  return user.lockedUntil && user.lockedUntil > now ? "locked" : "active";
}
