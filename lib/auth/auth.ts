import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { AuthError } from "next-auth";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { prisma } from "@/lib/db/client";
import { env, useSecureCookies } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { SESSION_COOKIE } from "./session-cookie";
import { authSecret } from "./secret";
import { deleteSessionByToken, resolveSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    sessionId: string;
    user: { id: string; email: string; name: string | null; role: Role };
  }
}

// The stock adapter stores raw tokens and reads the whole user row. Session methods are
// replaced by ours (lib/auth/sessions.ts): SHA-256 only, one query, safe user fields only.
// Sign-in never goes through Auth.js (Credentials forces JWT sessions), so createSession
// is unreachable here and refuses to run.
const lazyPrisma = new Proxy({}, { get: (_, key) => Reflect.get(prisma(), key) });
const base = PrismaAdapter(lazyPrisma as never);

const adapter: Adapter = {
  ...base,
  createSession: async () => {
    throw new Error("Sessions are created by lib/auth/sessions.ts");
  },
  async getSessionAndUser(sessionToken) {
    const resolved = await resolveSession(sessionToken);
    if (!resolved) return null;
    const session = { sessionToken, userId: resolved.user.id, expires: resolved.expires, id: resolved.id };
    const user = { ...resolved.user, emailVerified: null } as unknown as AdapterUser;
    return { session: session as AdapterSession, user };
  },
  // resolveSession slides the expiry itself (at most once a minute); updateAge = maxAge
  // below means Auth.js never asks for a second write.
  updateSession: async () => null,
  async deleteSession(sessionToken) {
    await deleteSessionByToken(sessionToken);
    return null;
  },
};

export const { auth, handlers } = NextAuth({
  adapter,
  providers: [],
  secret: authSecret(),
  trustHost: true,
  useSecureCookies,
  session: { strategy: "database", maxAge: env.SESSION_IDLE_TIMEOUT_S, updateAge: env.SESSION_IDLE_TIMEOUT_S },
  cookies: { sessionToken: { name: SESSION_COOKIE } },
  pages: { signIn: "/login" },
  // Auth.js' own logger prints multi-line stack traces to the console for every bad request
  // (an anonymous /api/auth/signin/x, a forged callback). Ours: one JSON line, no stack for
  // the errors a client can cause; a stack only for errors that are not Auth.js' own.
  logger: {
    error(error) {
      const type = error instanceof AuthError ? error.type : error.name;
      const cause = (error as { cause?: { err?: unknown } }).cause?.err;
      const ownBug = !(error instanceof AuthError) || error.type === "AdapterError" || error.type === "CallbackRouteError";
      (ownBug ? log.error : log.warn).call(
        log,
        { context: { auth_error: type, message: error.message, ...(ownBug && cause instanceof Error ? { cause: cause.message } : {}) } },
        `auth.js ${type}`,
      );
    },
    warn(code) {
      log.warn({ context: { auth_warning: code } }, `auth.js warning ${code}`);
    },
    debug(message) {
      log.debug({ context: { auth_debug: message } }, "auth.js debug");
    },
  },
  callbacks: {
    // Only safe fields leave the server: never the password hash or the token.
    session({ session, user }) {
      const u = user as unknown as { id: string; email: string; name: string | null; role: Role };
      const s = session as unknown as { id?: string };
      return {
        expires: session.expires,
        sessionId: s.id ?? "",
        user: { id: u.id, email: u.email, name: u.name, role: u.role },
      } as never;
    },
  },
});
