import "server-only";
import { prisma } from "@/lib/db/client";

export interface SignInEvent {
  id: string;
  outcome: "success" | "failure";
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** The user's most recent sign-in attempts on their own account, newest first. */
export async function listRecentSignIns(userId: string, take = 10): Promise<SignInEvent[]> {
  const rows = await prisma().auditEvent.findMany({
    where: { type: "login", targetUserId: userId },
    select: { id: true, outcome: true, ip: true, userAgent: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map((r) => ({ ...r, outcome: r.outcome === "success" ? "success" : "failure" }));
}
