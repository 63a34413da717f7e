import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { runInBackground } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { validationError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendMail } from "@/lib/mail/mail";
import { passwordChangedMail } from "@/lib/mail/templates";
import { hashPassword } from "./password-hashing";
import { checkNewPassword } from "./password-policy";
import { verifyCurrentPassword } from "./reauthenticate";
import { deleteUserSessions, type ResolvedSession } from "./sessions";

/** Requires the current password (lib/auth/reauthenticate.ts: limited like sign-in); keeps the current session and revokes every other one. */
export async function changePassword(session: ResolvedSession, current: string, next: string, ctx: RequestContext): Promise<{ revoked: number }> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: session.user.id }, select: { id: true, email: true, name: true, passwordHash: true } });
  await verifyCurrentPassword(session, current, ctx, { field: "current_password", auditType: "password_changed" });
  const problem = checkNewPassword(next, user);
  if (problem) throw validationError({ new_password: problem });
  const passwordHash = await hashPassword(next);
  await prisma().user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
  const revoked = await deleteUserSessions(user.id, session.id);
  await recordAudit({ type: "password_changed", outcome: "success", ctx, actorId: user.id, targetUserId: user.id, metadata: { sessions_revoked: revoked } });
  runInBackground("password-changed-notice", () => sendMail(passwordChangedMail(user.email, "changed")));
  return { revoked };
}
