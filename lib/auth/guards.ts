import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { unauthorized } from "@/lib/http/errors";
import { safeNextPath } from "./next-path";
import { can, needsSecondFactor, type Permission } from "./permissions";
import { SESSION_COOKIE, readSessionCookie } from "./session-cookie";
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
  const token = bearer ?? readSessionCookie(req.headers.get("cookie"));
  if (!token) return null;
  const session = await resolveSession(token);
  return session ? { session, token, via: bearer ? "bearer" : "cookie" } : null;
}

export async function requireApiSession(req: Request): Promise<ApiSession> {
  const s = await getApiSession(req);
  if (!s) throw unauthorized();
  return s;
}

/**
 * The browser's session for pages and server actions, resolved once per request (React
 * `cache`): a layout and its page share one lookup. Reading the cookie first keeps
 * `next build`, which has none, away from the database.
 */
export const currentSession = cache(async (): Promise<ResolvedSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? resolveSession(token) : null;
});

/** For pages and server actions: the signed-in user, or a redirect to /login?next=…. */
export async function requireUser(nextPath?: string): Promise<ResolvedSession> {
  const session = await currentSession();
  if (!session) {
    const path = nextPath ?? (await headers()).get("x-pathname") ?? "/dashboard";
    redirect(`/login?next=${encodeURIComponent(safeNextPath(path))}`);
  }
  return session;
}

/**
 * For pages and actions: signed in (else /login) and holding the permission (else the 403
 * page; staff whose session lacks the required second factor go to the page that explains).
 */
export async function requirePermission(permission: Permission): Promise<ResolvedSession> {
  const session = await requireUser();
  if (needsSecondFactor(session, permission)) redirect("/admin/mfa-required");
  if (!can(session, permission)) forbidden();
  return session;
}
