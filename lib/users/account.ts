import "server-only";
import { randomBytes } from "node:crypto";
import { emailHashes, recordAudit } from "@/lib/audit/audit";
import { verifyCurrentPassword } from "@/lib/auth/reauthenticate";
import type { ResolvedSession } from "@/lib/auth/sessions";
import { factorSummary } from "@/lib/mfa/factors";
import { prisma } from "@/lib/db/client";
import { Role } from "@/lib/generated/prisma/enums";
import { ApiError, notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { UserProfile } from "@/lib/openapi/schemas";

export const PROFILE_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  isActive: true,
  emailVerified: true,
  failedLoginCount: true,
  lockedUntil: true,
  lastLoginAt: true,
  deactivatedAt: true,
  deactivatedById: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function getProfile(userId: string) {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: PROFILE_SELECT });
  if (!user) throw notFound("User");
  return user;
}

export function profileJson(u: Awaited<ReturnType<typeof getProfile>>): UserProfile {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    is_active: u.isActive,
    email_verified: u.emailVerified?.toISOString() ?? null,
    failed_login_count: u.failedLoginCount,
    locked_until: u.lockedUntil?.toISOString() ?? null,
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    deactivated_at: u.deactivatedAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}

export async function updateName(userId: string, name: string, ctx: RequestContext, actorId = userId) {
  await getProfile(userId);
  await prisma().user.update({ where: { id: userId }, data: { name }, select: { id: true } });
  await recordAudit({ type: "profile_updated", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { fields: ["name"] } });
}

const cannotChangeSelf = () =>
  new ApiError("cannot_change_self", "You can't change your own role, deactivate or delete your own account as staff; ask another administrator (to delete your own account, use Settings)");

/** Staff powers never apply to the staff member's own account, on any channel. */
export function assertNotSelf(userId: string, actorId: string) {
  if (userId === actorId) throw cannotChangeSelf();
}

type Tx = Parameters<Parameters<ReturnType<typeof prisma>["$transaction"]>[0]>[0];

// Serializes every change that can remove an active administrator, so two admins demoting or
// deactivating each other at the same moment cannot leave none: the check and the change are
// one transaction under one advisory lock (PostgreSQL and PGlite alike).
const ADMIN_CHANGE_LOCK = 72707370;

async function withAdminGuard<T>(userId: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
    const target = await tx.user.findUnique({ where: { id: userId }, select: { role: true, isActive: true } });
    if (target?.role === Role.admin && target.isActive) {
      const admins = await tx.user.count({ where: { role: Role.admin, isActive: true } });
      if (admins <= 1) throw new ApiError("last_admin", "This is the only active administrator; promote another one first");
    }
    return change(tx);
  });
}

export async function changeRole(userId: string, role: Role, actorId: string, ctx: RequestContext) {
  assertNotSelf(userId, actorId);
  const before = await getProfile(userId);
  if (before.role === role) return;
  await withAdminGuard(userId, (tx) => tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } }));
  await recordAudit({ type: "role_changed", outcome: "success", ctx, actorId, targetUserId: userId, metadata: { from: before.role, to: role } });
}

/** Deactivation revokes every session; sign-in then fails with the generic error. */
export async function setActive(userId: string, active: boolean, actorId: string, ctx: RequestContext) {
  assertNotSelf(userId, actorId);
  const before = await getProfile(userId);
  if (before.isActive === active) return;
  let revoked = 0;
  if (active) {
    await prisma().user.update({ where: { id: userId }, data: { isActive: true, deactivatedAt: null, deactivatedById: null }, select: { id: true } });
  } else {
    revoked = await withAdminGuard(userId, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { isActive: false, deactivatedAt: new Date(), deactivatedById: actorId }, select: { id: true } });
      return (await tx.session.deleteMany({ where: { userId } })).count;
    });
  }
  await recordAudit({ type: active ? "user_reactivated" : "user_deactivated", outcome: "success", ctx, actorId, targetUserId: userId, metadata: active ? {} : { sessions_revoked: revoked } });
}

/** Everything stored about a user, without secrets (no password hash, no tokens, no mail bodies); audited. */
export async function exportUserData(userId: string, actorId: string, ctx: RequestContext) {
  const data = await collectUserData(userId);
  await recordAudit({ type: "data_export", outcome: "success", ctx, actorId, targetUserId: userId });
  return data;
}

async function collectUserData(userId: string) {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { ...PROFILE_SELECT, passwordHash: true } });
  if (!user) throw notFound("User");
  const [sessions, accounts, audit, mail, resetTokens, emailLinks] = await Promise.all([
    prisma().session.findMany({ where: { userId }, select: { id: true, createdAt: true, lastSeenAt: true, expires: true, ipAddress: true, userAgent: true } }),
    prisma().account.findMany({ where: { userId }, select: { provider: true, type: true } }),
    prisma().auditEvent.findMany({
      where: { OR: [{ targetUserId: userId }, { actorId: userId }, { emailHash: { in: emailHashes(user.email) } }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, type: true, outcome: true, actorId: true, targetUserId: true, ip: true, userAgent: true, requestId: true, metadata: true, createdAt: true },
    }),
    prisma().mailMessage.findMany({ where: { to: user.email }, select: { subject: true, kind: true, status: true, createdAt: true, sentAt: true } }),
    prisma().passwordResetToken.findMany({ where: { userId }, select: { createdAt: true, expires: true, usedAt: true } }),
    prisma().emailToken.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { purpose: true, email: true, createdAt: true, expires: true, usedAt: true } }),
  ]);
  const { passwordHash, ...profile } = user;
  return {
    exported_at: new Date().toISOString(),
    profile: { ...profileJson(profile), has_password: passwordHash !== null },
    sessions,
    linked_accounts: accounts,
    second_factors: await factorSummary(userId),
    audit_events: audit,
    mail,
    password_reset_requests: resetTokens,
    email_links: emailLinks,
  };
}

/** The user deletes their own account; their password proves it is them (limited like sign-in). */
export async function deleteOwnAccount(session: ResolvedSession, password: string, ctx: RequestContext) {
  await verifyCurrentPassword(session, password, ctx, { field: "password", auditType: "user_deleted" });
  await eraseUser(session.user.id, session.user.id, ctx);
}

/** An administrator deletes someone else's account. */
export async function deleteUserAsStaff(userId: string, actorId: string, ctx: RequestContext) {
  assertNotSelf(userId, actorId);
  await eraseUser(userId, actorId, ctx);
}

/**
 * Deletes the user, their sessions, tokens and mail, and pseudonymizes their audit events:
 * the user id becomes a random pseudonym and the email hash is removed, so the trail stays
 * consistent without pointing at a person. Never the last active administrator.
 */
async function eraseUser(userId: string, actorId: string, ctx: RequestContext) {
  const self = actorId === userId;
  const pseudonym = `deleted-${randomBytes(8).toString("hex")}`;
  await withAdminGuard(userId, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw notFound("User");
    const hashes = emailHashes(user.email);
    // Email changes keep the old and new address as keyed hashes in their metadata: those go too.
    await tx.$executeRaw`UPDATE "AuditEvent" SET "metadata" = "metadata" - 'old' - 'new' WHERE "targetUserId" = ${userId} AND "type" IN ('email_changed', 'email_change_requested') AND jsonb_typeof("metadata") = 'object'`;
    const pending = await tx.emailToken.findMany({ where: { userId, purpose: "change" }, select: { email: true } });
    if (pending.length > 0) await tx.mailMessage.deleteMany({ where: { to: { in: pending.map((p) => p.email) }, kind: "email_change" } });
    await tx.auditEvent.updateMany({ where: { targetUserId: userId }, data: { targetUserId: pseudonym } });
    await tx.auditEvent.updateMany({ where: { actorId: userId }, data: { actorId: pseudonym } });
    await tx.auditEvent.updateMany({ where: { emailHash: { in: hashes } }, data: { emailHash: null } });
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    await tx.mailMessage.deleteMany({ where: { to: user.email } });
    await tx.user.delete({ where: { id: userId } });
  });
  await recordAudit({ type: "user_deleted", outcome: "success", ctx, actorId: self ? pseudonym : actorId, targetUserId: pseudonym, metadata: { self } });
}
