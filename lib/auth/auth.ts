import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { prisma } from "@/lib/db/client";
import { env, useSecureCookies } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { authProviders } from "@/lib/federation/providers";
import { handleProviderCallback } from "@/lib/federation/callback";
import { apiContextFromHeaders } from "@/lib/http/request-context";
import { requestScope } from "@/lib/http/request-scope";
import { log } from "@/lib/log";
import { SESSION_COOKIE } from "./session-cookie";
import { authSecret } from "./secret";
import { createSession, deleteSessionByToken, resolveSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    sessionId: string;
    user: { id: string; email: string; name: string | null; role: Role };
  }
}

// The stock adapter stores raw tokens and reads the whole user row. Session methods are
// replaced by ours (lib/auth/sessions.ts): SHA-256 only, one query, safe user fields only.
// Sign-in decisions never reach Auth.js' own user and session creation: password sign-in
// is ours (Credentials forces JWT sessions), and the provider sign-in callback always
// answers with a URL (lib/federation/callback.ts). createSession is still a real Latchkey
// session, should anything in Auth.js call it.
const lazyPrisma = new Proxy({}, { get: (_, key) => Reflect.get(prisma(), key) });
const base = PrismaAdapter(lazyPrisma as never);

const adapter: Adapter = {
  ...base,
  async createSession({ sessionToken, userId, expires }) {
    // Every caller that reaches Auth.js opens the scope; without one, the id the server gave
    // the request, or a fresh one (never one a client sent: apiContextFromHeaders).
    const ctx = requestScope() ?? apiContextFromHeaders(await headers());
    await createSession(userId, ctx, { token: sessionToken });
    return { sessionToken, userId, expires };
  },
  async getSessionAndUser(sessionToken) {
    const resolved = await resolveSession(sessionToken);
    if (!resolved) return null;
    const session = { sessionToken, userId: resolved.user.id, expires: resolved.expires, id: resolved.id };
    const user = { ...resolved.user, emailVerified: null } as unknown as AdapterUser;
    return { session: session as AdapterSession, user };
  },
  // resolveSession slides the expiry itself (at most once a minute); updateAge = maxAge
  // below means Auth.js never asks for a second write. Asked anyway, it reads the row.
  async updateSession({ sessionToken }) {
    const resolved = await resolveSession(sessionToken);
    return resolved && { sessionToken, userId: resolved.user.id, expires: resolved.expires };
  },
  async deleteSession(sessionToken) {
    await deleteSessionByToken(sessionToken);
    return null;
  },
};

/**
 * What a provider answered when it refused (oauth4webapi keeps its OAuth error fields on the
 * error): "invalid_client" for a wrong secret, say. Codes and descriptions only, never tokens.
 */
function providerError(err: Error): Record<string, string> {
  // A refusal in the body has error / error_description; one in a WWW-Authenticate header
  // (a wrong client secret, often) has them in its challenges' parameters.
  const challenges = (err as Error & { cause?: unknown }).cause;
  const challenge = Array.isArray(challenges) ? (challenges[0] as { parameters?: Record<string, unknown> } | undefined)?.parameters : undefined;
  const { error, error_description } = (challenge ?? err) as { error?: unknown; error_description?: unknown };
  return {
    ...(typeof error === "string" ? { provider_error: error.slice(0, 100) } : {}),
    ...(typeof error_description === "string" ? { provider_error_description: error_description.slice(0, 300) } : {}),
  };
}

export const { auth, handlers, signIn } = NextAuth({
  adapter,
  providers: authProviders(),
  secret: authSecret(),
  trustHost: true,
  useSecureCookies,
  session: { strategy: "database", maxAge: env.SESSION_IDLE_TIMEOUT_S, updateAge: env.SESSION_IDLE_TIMEOUT_S },
  cookies: { sessionToken: { name: SESSION_COOKIE } },
  // Auth.js' errors (a provider that cannot be reached, a user who cancelled) land on /login
  // with ?error=<type>; the catch-all route adds the request id as the reference.
  pages: { signIn: "/login", error: "/login" },
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
        {
          request_id: requestScope()?.requestId,
          context: { auth_error: type, message: error.message, ...(cause instanceof Error ? { cause: cause.message, ...providerError(cause) } : {}) },
        },
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
    // Always a URL: the decision, the user and the session are Latchkey's.
    signIn: ({ account, profile }) => handleProviderCallback({ account: account ?? null, profile: profile as Record<string, unknown> | undefined }),
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
