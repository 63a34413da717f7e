import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { ensureDatabase } from "@/lib/db/client";
import { unauthorized } from "@/lib/http/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { auth } from "./auth";
import { SESSION_COOKIE, readCookie } from "./cookies";
import { safeNextPath } from "./next-path";
import { resolveSession, type ResolvedSession } from "./sessions";

export { safeNextPath };

export interface ApiSession {
  session: ResolvedSession;
  token: string;
  via: "bearer" | "cookie";
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(req: Request): string | undefined {
  return req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/** Session of an API request: `Authorization: Bearer` first, then the session cookie. */
export async function getApiSession(req: Request): Promise<ApiSession | null> {
  const bearer = bearerToken(req);
  const token = bearer ?? readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!token) return null;
  const session = await resolveSession(token);
  return session ? { session, token, via: bearer ? "bearer" : "cookie" } : null;
}

export async function requireApiSession(req: Request): Promise<ApiSession> {
  const s = await getApiSession(req);
  if (!s) throw unauthorized();
  return s;
}

/** For pages and server actions: the signed-in user, or a redirect to /login?next=…. */
export async function requireUser(nextPath?: string) {
  await ensureDatabase();
  const session = await auth();
  if (!session?.user) {
    const path = nextPath ?? (await headers()).get("x-pathname") ?? "/dashboard";
    redirect(`/login?next=${encodeURIComponent(safeNextPath(path))}`);
  }
  return session;
}

/** For staff pages and actions: signed in (else /login) with one of the roles (else the 403 page). */
export async function requireRole(...roles: Role[]) {
  const session = await requireUser();
  if (!roles.includes(session.user.role)) forbidden();
  return session;
}
