import "server-only";
import { prisma } from "@/lib/db/client";

export interface SignInEvent {
  id: string;
  /** "login", or one of ACCOUNT_CHANGES (shown with its label from lib/audit/describe.ts). */
  type: string;
  outcome: "success" | "failure";
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** Changes to the account that its owner should see beside the sign-ins (another session may have made them). */
export const ACCOUNT_CHANGES = ["email_changed", "email_verified"] as const;

/** The user's most recent sign-in attempts on their own account, and the changes in ACCOUNT_CHANGES, newest first. */
export async function listRecentSignIns(userId: string, take = 10): Promise<SignInEvent[]> {
  const rows = await prisma().auditEvent.findMany({
    where: { targetUserId: userId, OR: [{ type: "login" }, { type: { in: [...ACCOUNT_CHANGES] }, outcome: "success" }] },
    select: { id: true, type: true, outcome: true, ip: true, userAgent: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map((r) => ({ ...r, outcome: r.outcome === "success" ? "success" : "failure" }));
}
