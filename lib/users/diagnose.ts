import "server-only";
import { emailHashes } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { lockRemainingSeconds } from "@/lib/security/lockout";
import { signInLimitState } from "@/lib/security/sign-in-guard";

export interface Blocker {
  kind: "deactivated" | "locked" | "rate_limited" | "no_password" | "none";
  /** What blocks sign-in right now, in words a support person can read out. */
  summary: string;
  remedy: string;
  /** Which console action fixes it, if any. */
  action: "reactivate" | "unlock" | "send_reset" | null;
}

const time = (d: Date) => d.toISOString().slice(11, 16) + " UTC";
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "Why can't they sign in?": every reason that applies now, most blocking first. */
export async function diagnoseSignIn(userId: string, now = Date.now()): Promise<Blocker[]> {
  const user = await prisma().user.findUnique({
    where: { id: userId },
    select: { email: true, isActive: true, passwordHash: true, deactivatedAt: true, deactivatedById: true, failedLoginCount: true },
  });
  if (!user) return [];
  const blockers: Blocker[] = [];

  if (!user.isActive) {
    const by = user.deactivatedById
      ? await prisma().user.findUnique({ where: { id: user.deactivatedById }, select: { name: true, email: true } })
      : null;
    blockers.push({
      kind: "deactivated",
      summary: `Deactivated${by ? ` by ${by.name ?? by.email}` : ""}${user.deactivatedAt ? ` on ${day(user.deactivatedAt)}` : ""}. Sign-in fails with the generic error.`,
      remedy: "An administrator can reactivate the account.",
      action: "reactivate",
    });
  }

  const lockedFor = await lockRemainingSeconds(user.email);
  if (lockedFor > 0) {
    const since = new Date(now - (env.LOCKOUT_DURATION_S + env.LOCKOUT_WINDOW_S) * 1000);
    const failures = await prisma().auditEvent.findMany({
      where: { type: "login", outcome: "failure", emailHash: { in: emailHashes(user.email) }, createdAt: { gte: since }, NOT: { metadata: { equals: { reason: "locked" } } } },
      select: { ip: true },
    });
    const ips = new Set(failures.map((f) => f.ip)).size;
    blockers.push({
      kind: "locked",
      summary: `Locked until ${time(new Date(now + lockedFor * 1000))} after ${failures.length || user.failedLoginCount} failed sign-ins from ${ips} IP${ips === 1 ? "" : "s"}.`,
      remedy: "Unlock now, or the lock ends by itself; a password reset also clears it.",
      action: "unlock",
    });
  }

  const emailLimit = await signInLimitState(user.email);
  if (emailLimit.exceeded) {
    blockers.push({
      kind: "rate_limited",
      summary: `Sign-ins for this email are rate-limited for another ${emailLimit.retryAfterS} s (${emailLimit.points} failed attempts from all networks in ${emailLimit.duration / 60} min).`,
      remedy: "Unlock clears the limit; ask the user to wait otherwise.",
      action: "unlock",
    });
  }

  if (!user.passwordHash) {
    blockers.push({ kind: "no_password", summary: "The account has no password.", remedy: "Send a password reset link.", action: "send_reset" });
  }

  if (blockers.length === 0) {
    const last = await prisma().auditEvent.findFirst({
      where: { type: "login", outcome: "failure", OR: [{ targetUserId: userId }, { emailHash: { in: emailHashes(user.email) } }] },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, metadata: true },
    });
    const reason = (last?.metadata as { reason?: string } | null)?.reason?.replace(/_/g, " ");
    blockers.push({
      kind: "none",
      summary: last
        ? `Nothing blocks sign-in: last failure was ${reason ?? "a failed sign-in"} at ${time(last.createdAt)} on ${day(last.createdAt)}.`
        : "Nothing blocks sign-in, and there are no failed sign-ins on record.",
      remedy: "If they forgot the password, send a reset link.",
      action: "send_reset",
    });
  }
  return blockers;
}
