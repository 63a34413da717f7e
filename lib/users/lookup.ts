import "server-only";
import { prisma } from "@/lib/db/client";

export interface UserLabel {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Which of these ids still belong to users, with what to call them: audit rows keep ids of
 * users since deleted (pseudonyms), and the console links only the ones that exist.
 */
export async function findUsersByIds(ids: Iterable<string | null | undefined>): Promise<Map<string, UserLabel>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  if (unique.length === 0) return new Map();
  const users = await prisma().user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}
