import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ensureDatabase } from "@/lib/db/client";
import { unauthorized } from "@/lib/http/errors";
import { auth } from "./auth";
import { SESSION_COOKIE, readCookie } from "./cookies";
import { resolveSession, type ResolvedSession } from "./sessions";

export interface ApiSession {
  session: ResolvedSession;
  token: string;
  via: "bearer" | "cookie";
}

/** Session of an API request: `Authorization: Bearer` first, then the session cookie. */
export async function getApiSession(req: Request): Promise<ApiSession | null> {
  const authz = req.headers.get("authorization");
  const bearer = authz?.match(/^Bearer\s+(\S+)$/i)?.[1];
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

/** Only same-site relative paths; anything else falls back to the dashboard. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/dashboard";
  return next;
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
