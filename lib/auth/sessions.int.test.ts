import { describe, expect, it } from "vitest";
import { GET as authjs } from "@/app/api/auth/[...nextauth]/route";
import { prisma } from "@/lib/db/client";
import { callRoute } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { metrics } from "@/lib/observability/metrics";
import { RESOLVE_BATCH_MAX, createSession, resolveSession } from "./sessions";
import { hashToken } from "./tokens";

const MIN = 60_000;
const ctx = { requestId: "sessions-test-01", ip: "198.51.100.9", userAgent: "vitest" };

async function freshSession(now = Date.now()) {
  const user = await createTestUser();
  return { user, ...(await createSession(user.id, ctx, { now })) };
}

describe("session lifetime", () => {
  it("expires after 30 idle minutes and deletes the row", async () => {
    const t0 = Date.now();
    const { token } = await freshSession(t0);
    expect(await resolveSession(token, t0 + 29 * MIN)).not.toBeNull();
    // that check slid the expiry to t0 + 59 min
    expect(await resolveSession(token, t0 + 58 * MIN)).not.toBeNull();
    expect(await resolveSession(token, t0 + 58 * MIN + 31 * MIN)).toBeNull();
    expect(await prisma().session.count({ where: { sessionToken: hashToken(token) } })).toBe(0);
  });

  it("reads the address's verification in the same join, as the database has it now", async () => {
    const { user, token } = await freshSession();
    await prisma().user.update({ where: { id: user.id }, data: { emailVerified: null } });
    expect((await resolveSession(token))?.emailVerifiedAt).toBeNull();
    const verified = new Date(Date.UTC(2026, 10, 30, 12, 0, 0));
    await prisma().user.update({ where: { id: user.id }, data: { emailVerified: verified } });
    expect((await resolveSession(token))?.emailVerifiedAt?.toISOString()).toBe(verified.toISOString());
  });

  it("writes the sliding expiry at most once a minute", async () => {
    const t0 = Date.now();
    const { token, sessionId } = await freshSession(t0);
    await resolveSession(token, t0 + 30_000);
    const a = await prisma().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(a.lastSeenAt.getTime()).toBe(t0);
    await resolveSession(token, t0 + 61_000);
    const b = await prisma().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(b.lastSeenAt.getTime()).toBe(t0 + 61_000);
    expect(b.expires.getTime()).toBe(t0 + 61_000 + 30 * MIN);
    await resolveSession(token, t0 + 90_000);
    const c = await prisma().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(c.lastSeenAt.getTime()).toBe(t0 + 61_000);
  });

  it("ends after 7 days however active the session is", async () => {
    const t0 = Date.now();
    const { token, sessionId } = await freshSession(t0);
    let t = t0;
    while (t < t0 + 7 * 24 * 60 * MIN - 20 * MIN) {
      t += 25 * MIN;
      expect(await resolveSession(token, t)).not.toBeNull();
    }
    const row = await prisma().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.expires.getTime()).toBeLessThanOrEqual(t0 + 7 * 24 * 60 * MIN);
    expect(await resolveSession(token, t0 + 7 * 24 * 60 * MIN + 1)).toBeNull();
  });

  it("stops working when the user is deactivated", async () => {
    const { token, user } = await freshSession();
    await prisma().user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await resolveSession(token)).toBeNull();
  });
});

/** How many session lookup queries have run (db_query_duration_seconds{model="Session",operation="resolve"}). */
async function lookupQueries(): Promise<number> {
  const { values } = await metrics().dbDuration.get();
  const count = values.find((v) => v.metricName?.endsWith("_count") && v.labels.model === "Session" && v.labels.operation === "resolve");
  return count?.value ?? 0;
}

describe("session lookups of the same moment", () => {
  it("share one query, and each request gets its own session or none", async () => {
    const a = await freshSession();
    const b = await freshSession();
    const revoked = await freshSession();
    await prisma().session.delete({ where: { id: revoked.sessionId } });
    const before = await lookupQueries();
    const [ra, rb, rRevoked, rUnknown, rAgain] = await Promise.all([
      resolveSession(a.token),
      resolveSession(b.token),
      resolveSession(revoked.token),
      resolveSession("no-such-token-" + "x".repeat(40)),
      resolveSession(a.token),
    ]);
    expect(await lookupQueries()).toBe(before + 1);
    expect([ra?.id, ra?.user.id]).toEqual([a.sessionId, a.user.id]);
    expect([rb?.id, rb?.user.id]).toEqual([b.sessionId, b.user.id]);
    expect(rRevoked).toBeNull();
    expect(rUnknown).toBeNull();
    expect(rAgain?.id).toBe(a.sessionId);
  });

  it("keep nothing between moments: a session revoked after one lookup is refused by the next", async () => {
    const { token, sessionId } = await freshSession();
    expect((await resolveSession(token))?.id).toBe(sessionId);
    await prisma().session.delete({ where: { id: sessionId } });
    expect(await resolveSession(token)).toBeNull();
  });

  it(`take at most ${RESOLVE_BATCH_MAX} tokens per query`, async () => {
    const sessions = await Promise.all(Array.from({ length: RESOLVE_BATCH_MAX + 1 }, () => freshSession()));
    const before = await lookupQueries();
    const resolved = await Promise.all(sessions.map((s) => resolveSession(s.token)));
    expect(await lookupQueries()).toBe(before + 2);
    expect(resolved.map((r) => r?.id)).toEqual(sessions.map((s) => s.sessionId));
  });
});

describe("Auth.js session endpoint", () => {
  it("returns only safe fields of the signed-in user", async () => {
    const { token, user, sessionId } = await freshSession();
    const res = await callRoute(authjs, "/api/auth/session", { cookie: `authjs.session-token=${token}`, params: { nextauth: ["session"] } as never });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ expires: expect.any(String), sessionId, user: { id: user.id, email: user.email, name: user.name, role: "user" } });
    expect(JSON.stringify(res.json)).not.toContain(token);
  });

  it("reads the session's and the user's times as stored (UTC) whatever the server's time zone", async () => {
    const { token, user, sessionId } = await freshSession();
    const stored = await prisma().session.findUniqueOrThrow({ where: { id: sessionId }, select: { createdAt: true, expires: true, user: { select: { createdAt: true } } } });
    const tz = process.env.TZ;
    process.env.TZ = "Pacific/Auckland";
    try {
      const resolved = await resolveSession(token);
      expect(resolved?.user.id).toBe(user.id);
      expect(resolved?.createdAt.toISOString()).toBe(stored.createdAt.toISOString());
      expect(resolved?.expires.toISOString()).toBe(stored.expires.toISOString());
      expect(resolved?.user.createdAt.toISOString()).toBe(stored.user.createdAt.toISOString());
    } finally {
      process.env.TZ = tz;
    }
  });
});
