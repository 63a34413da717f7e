import "server-only";
import { prisma, rawClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RequestContext } from "@/lib/http/request-context";
import { metrics } from "@/lib/observability/metrics";
import { generateToken, hashToken } from "./tokens";
import type { SessionJson, SignedInJson, UserJson } from "@/lib/openapi/schemas";

// Sessions, the one module that reads, creates, rotates and deletes them. The token lives
// only in the cookie / bearer header; rows hold SHA-256(token). Idle timeout slides (written
// at most once per SESSION_TOUCH_INTERVAL_S), capped by the absolute lifetime counted from
// creation. These functions change rows only; the audited changes a user or staff member
// asks for (sign out, revoke, refresh) are in session-changes.ts.

export interface SafeUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

/** A user just signed in (password, registration, reset): their new session's token. */
export interface SignedIn {
  user: SafeUser;
  token: string;
  sessionId: string;
  expires: Date;
}

export function userJson(user: SafeUser): UserJson {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function signedInJson(s: SignedIn): SignedInJson {
  return { token: s.token, expires_at: s.expires.toISOString(), user: userJson(s.user) };
}

export interface ResolvedSession {
  id: string;
  expires: Date;
  createdAt: Date;
  /** 1 = password or federated only, 2 = with a second factor or a passkey. */
  level: number;
  /** When the session last proved the user (sign-in, re-authentication). */
  authenticatedAt: Date;
  user: SafeUser;
  /** When the user's current address was verified (null: not yet), read in the same join (the dashboard's banner needs no second read). */
  emailVerifiedAt: Date | null;
}

const idleMs = () => env.SESSION_IDLE_TIMEOUT_S * 1000;
const absoluteMs = () => env.SESSION_ABSOLUTE_TIMEOUT_S * 1000;

function nextExpiry(createdAt: Date, now: number): Date {
  return new Date(Math.min(now + idleMs(), createdAt.getTime() + absoluteMs()));
}

export interface NewSessionOptions {
  now?: number;
  /** 2 when a second factor or a passkey proved the user (SPEC 10). */
  level?: number;
  /** Inherited on refresh, so the absolute lifetime still counts from sign-in. */
  createdAt?: Date;
  /** When the user last proved who they are; a new sign-in: now. */
  authenticatedAt?: Date;
  /** The token, when the caller made it (Auth.js' adapter); else a new one. */
  token?: string;
}

/** A new session with a new token. */
export async function createSession(userId: string, ctx: RequestContext, opts: NewSessionOptions = {}) {
  const now = opts.now ?? Date.now();
  const createdAt = opts.createdAt ?? new Date(now);
  const token = opts.token ?? generateToken();
  const session = await prisma().session.create({
    data: {
      sessionToken: hashToken(token),
      userId,
      createdAt,
      lastSeenAt: new Date(now),
      expires: nextExpiry(createdAt, now),
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      level: opts.level ?? 1,
      authenticatedAt: opts.authenticatedAt ?? new Date(now),
    },
    select: { id: true, expires: true },
  });
  return { token, sessionId: session.id, expires: session.expires };
}

/** One row of resolveSession's join. */
interface SessionJoin {
  id: string;
  expires: Date;
  createdAt: Date;
  lastSeenAt: Date;
  level: number;
  authenticatedAt: Date;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  isActive: boolean;
  userCreatedAt: Date;
  emailVerified: Date | null;
}

// Timestamps are stored without a zone, in UTC (Prisma's convention): read them as UTC.
const RESOLVE_SQL = `
  SELECT s."sessionToken", s."id", s."expires" AT TIME ZONE 'UTC' AS "expires", s."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
         s."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", s."level",
         s."authenticatedAt" AT TIME ZONE 'UTC' AS "authenticatedAt", u."id" AS "userId", u."email", u."name",
         u."role"::text AS "role", u."isActive", u."createdAt" AT TIME ZONE 'UTC' AS "userCreatedAt",
         u."emailVerified" AT TIME ZONE 'UTC' AS "emailVerified"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."sessionToken" = ANY($1::text[])`;

/** At most this many tokens in one lookup query. */
export const RESOLVE_BATCH_MAX = 64;

interface Lookup {
  resolve: (row: SessionJoin | undefined) => void;
  reject: (error: unknown) => void;
}
const globalForLookups = globalThis as unknown as { latchkeySessionLookups?: Map<string, Lookup[]> };

/**
 * The session rows of the tokens (by hash) that requests asked for in this turn of the event
 * loop, read in one query when the turn ends (setImmediate: after every request whose bytes
 * came in this turn has reached here). Under load, one round trip and one statement serve
 * many requests. Each request's row is still read after the request arrived, so a revoked
 * session is refused at once as before; a failed query fails each of its requests.
 */
function lookupSession(tokenHash: string): Promise<SessionJoin | undefined> {
  return new Promise((resolve, reject) => {
    let batch = globalForLookups.latchkeySessionLookups;
    if (!batch) {
      batch = globalForLookups.latchkeySessionLookups = new Map();
      setImmediate(runLookups, batch);
    }
    const waiting = batch.get(tokenHash);
    if (waiting) waiting.push({ resolve, reject });
    else batch.set(tokenHash, [{ resolve, reject }]);
    // A full batch takes no more: the next token starts another (each goes when the turn ends).
    if (batch.size >= RESOLVE_BATCH_MAX) globalForLookups.latchkeySessionLookups = undefined;
  });
}

async function runLookups(batch: Map<string, Lookup[]>): Promise<void> {
  if (globalForLookups.latchkeySessionLookups === batch) globalForLookups.latchkeySessionLookups = undefined;
  const end = metrics().dbDuration.startTimer({ model: "Session", operation: "resolve" });
  let rows: (SessionJoin & { sessionToken: string })[];
  try {
    rows = (await rawClient().query({ name: "latchkey-resolve-sessions", text: RESOLVE_SQL, values: [[...batch.keys()]] })).rows as typeof rows;
  } catch (error) {
    for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    return;
  } finally {
    end();
  }
  const byHash = new Map(rows.map((row) => [row.sessionToken, row]));
  for (const [hash, waiting] of batch) for (const w of waiting) w.resolve(byHash.get(hash));
}

/**
 * The hot path of every signed-in request: one read (session joined with the user's safe
 * fields, shared with the requests of the same moment: lookupSession) plus at most one
 * throttled write. Returns null for unknown, expired or deactivated sessions (and deletes the
 * dead row). The lookup goes to the driver directly, as a prepared statement: through Prisma
 * it cost about as much again as the query itself. Each query is timed into
 * db_query_duration_seconds{model="Session",operation="resolve"}.
 */
export async function resolveSession(token: string, now = Date.now()): Promise<ResolvedSession | null> {
  if (!token || token.length > 128) return null;
  const row = await lookupSession(hashToken(token));
  if (!row) return null;
  const dead =
    row.expires.getTime() <= now || row.createdAt.getTime() + absoluteMs() <= now || !row.isActive;
  if (dead) {
    await prisma().session.deleteMany({ where: { id: row.id } });
    return null;
  }
  let expires = row.expires;
  if (now - row.lastSeenAt.getTime() >= env.SESSION_TOUCH_INTERVAL_S * 1000) {
    expires = nextExpiry(row.createdAt, now);
    await prisma().session.updateMany({ where: { id: row.id }, data: { lastSeenAt: new Date(now), expires } });
  }
  return {
    id: row.id,
    expires,
    createdAt: row.createdAt,
    level: row.level,
    authenticatedAt: row.authenticatedAt,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, createdAt: row.userCreatedAt },
    emailVerifiedAt: row.emailVerified,
  };
}

/**
 * Replaces a session with a new token, keeping its sign-in time (the absolute lifetime still
 * counts from sign-in). The old row is claimed first, so of many concurrent rotations of one
 * token exactly one gets a new token; the others get null.
 */
export async function rotateSession(old: ResolvedSession, ctx: RequestContext) {
  const { count } = await prisma().session.deleteMany({ where: { id: old.id } });
  if (count !== 1) return null;
  return createSession(old.user.id, ctx, { createdAt: old.createdAt, level: old.level, authenticatedAt: old.authenticatedAt });
}

/** Deletes the session a token belongs to; the id of the deleted row, or null. */
export async function deleteSessionByToken(token: string): Promise<string | null> {
  const rows = await prisma().session.findMany({ where: { sessionToken: hashToken(token) }, select: { id: true } });
  if (!rows[0]) return null;
  const { count } = await prisma().session.deleteMany({ where: { id: rows[0].id } });
  return count ? rows[0].id : null;
}

export async function listSessions(userId: string, now = new Date()) {
  return prisma().session.findMany({
    where: { userId, expires: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, expires: true, ipAddress: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

export type SessionListing = Awaited<ReturnType<typeof listSessions>>[number];

/** A session as the JSON API shows it: never the token, which only the client holds. */
export function sessionJson(s: SessionListing): SessionJson {
  return {
    id: s.id,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    expires_at: s.expires.toISOString(),
    ip_address: s.ipAddress,
    user_agent: s.userAgent,
  };
}

/** Deletes one session of a user; false when it is not theirs or does not exist. */
export async function deleteUserSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await prisma().session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

/** Deletes every session of a user (but one, when given); how many. */
export async function deleteUserSessions(userId: string, exceptSessionId?: string): Promise<number> {
  const { count } = await prisma().session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return count;
}

/** Marks the session as having just proved the user (re-authentication), optionally at a higher level. */
export async function markAuthenticated(sessionId: string, level?: number, now = new Date()): Promise<void> {
  await prisma().session.updateMany({ where: { id: sessionId }, data: { authenticatedAt: now, ...(level ? { level } : {}) } });
}
