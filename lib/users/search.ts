import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { pageInfo, pageWindow } from "@/lib/http/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Role } from "@/lib/generated/prisma/enums";
import type { UserSearchResult } from "@/lib/openapi/schemas";

export const userSearchSchema = z.object({
  query: z.string().trim().max(200, "query must be at most 200 characters").optional().default(""),
  role: z.enum(Role, { error: "role must be user, support or admin" }).optional(),
  status: z.enum(["active", "deactivated", "locked"], { error: "status must be active, deactivated or locked" }).optional(),
  sort: z.enum(["newest", "last_sign_in"], { error: "sort must be newest or last_sign_in" }).default("newest"),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, "page starts at 1").max(100_000).default(1),
  page_size: z.coerce.number({ error: "page_size must be a number" }).int().min(1).max(100, "page_size is at most 100").default(25),
});

export type UserSearch = z.infer<typeof userSearchSchema>;

/** Case-insensitive substring search on email or name, with role/status filters, paginated. */
export async function searchUsers(s: UserSearch, now = new Date()): Promise<UserSearchResult> {
  const and: Prisma.UserWhereInput[] = [];
  if (s.query) and.push({ OR: [{ email: { contains: s.query, mode: "insensitive" } }, { name: { contains: s.query, mode: "insensitive" } }] });
  if (s.role) and.push({ role: s.role });
  if (s.status === "deactivated") and.push({ isActive: false });
  if (s.status === "active") and.push({ isActive: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });
  if (s.status === "locked") and.push({ isActive: true, lockedUntil: { gt: now } });
  const where: Prisma.UserWhereInput = { AND: and };
  const orderBy: Prisma.UserOrderByWithRelationInput[] =
    s.sort === "last_sign_in" ? [{ lastLoginAt: { sort: "desc", nulls: "last" } }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "asc" }];
  const [total, users] = await Promise.all([
    prisma().user.count({ where }),
    prisma().user.findMany({
      where,
      orderBy,
      ...pageWindow(s.page, s.page_size),
      select: { id: true, email: true, name: true, role: true, isActive: true, lockedUntil: true, lastLoginAt: true, createdAt: true },
    }),
  ]);
  return {
    ...pageInfo(total, s.page, s.page_size),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      status: !u.isActive ? "deactivated" : u.lockedUntil && u.lockedUntil > now ? "locked" : "active",
      last_login_at: u.lastLoginAt?.toISOString() ?? null,
      created_at: u.createdAt.toISOString(),
    })),
  };
}
