import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Per-email and per-IP limits out of the way: these tests are about the lockout itself.
  process.env.RATE_LIMIT_LOGIN_EMAIL = "1000/3600";
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
});

import { POST as login } from "@/app/api/auth/login/route";
import { hashEmail } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { clearLockout } from "@/lib/security/lockout";
import { STRONG_PASSWORD, callRoute, randomEmail } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";

const WRONG = "Wrong-Password-9";

const attempt = (email: string, password: string) => callRoute(login, "/api/auth/login", { body: { email, password } });
const withoutRequestId = (j: Record<string, unknown>) => JSON.stringify({ ...j, request_id: null });

describe("lockout", () => {
  it("locks sign-in after five failures within 15 minutes, even for the right password", async () => {
    const { email, id } = await createTestUser();
    for (let i = 0; i < 5; i++) expect((await attempt(email, WRONG)).status).toBe(401);
    const locked = await attempt(email, STRONG_PASSWORD);
    expect(locked.status).toBe(403);
    expect(locked.json).toMatchObject({ error: "account_locked", retry_after: expect.any(Number) });
    expect(locked.json.retry_after).toBeGreaterThan(1700);
    expect(locked.json.retry_after).toBeLessThanOrEqual(1800);
    const user = await prisma().user.findUniqueOrThrow({ where: { id } });
    expect(user.failedLoginCount).toBe(5);
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 1700_000);
  });

  it("locks an unknown email exactly like a real one, with byte-identical answers but the request id", async () => {
    const { email: real } = await createTestUser();
    const unknown = randomEmail("ghost");
    for (let i = 0; i < 6; i++) {
      const a = await attempt(real, WRONG);
      const b = await attempt(unknown, WRONG);
      expect(a.status).toBe(b.status);
      expect(withoutRequestId(a.json).replace(/"retry_after":\d+/, "")).toBe(withoutRequestId(b.json).replace(/"retry_after":\d+/, ""));
      expect(a.status).toBe(i < 5 ? 401 : 403);
    }
  });

  it("clearLockout lets the user sign in again", async () => {
    const { email, id } = await createTestUser();
    for (let i = 0; i < 5; i++) await attempt(email, WRONG);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(403);
    await clearLockout(email);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(200);
    const user = await prisma().user.findUniqueOrThrow({ where: { id } });
    expect(user.failedLoginCount).toBe(0);
    expect(user.lockedUntil).toBeNull();
  });

  it("a successful sign-in resets the failure streak", async () => {
    const { email } = await createTestUser();
    for (let i = 0; i < 4; i++) await attempt(email, WRONG);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(email, WRONG)).status).toBe(401);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(200);
  });

  it("20 parallel wrong passwords leave a consistent failure count and exactly one lockout event", async () => {
    const { email, id } = await createTestUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email, WRONG)));
    expect(results.every((r) => r.status === 401 || r.status === 403)).toBe(true);
    const counted = results.filter((r) => r.status === 401).length;
    expect(counted).toBe(5);
    const row = await prisma().rateLimit.findUniqueOrThrow({ where: { key: `loginFailures:${hashEmail(email)}` } });
    expect(row.points).toBe(counted);
    const user = await prisma().user.findUniqueOrThrow({ where: { id } });
    expect(user.failedLoginCount).toBe(counted);
    expect(counted).toBeGreaterThanOrEqual(5);
    const lockouts = await prisma().auditEvent.count({ where: { type: "lockout", emailHash: hashEmail(email) } });
    expect(lockouts).toBe(1);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(403);
  });

  it("is exact under concurrency: of 10 parallel attempts from 10 IPs only 5 reach the password check", async () => {
    const { email, id } = await createTestUser();
    const fromIp = (i: number) => callRoute(login, "/api/auth/login", { body: { email, password: WRONG }, headers: { "x-forwarded-for": `198.18.${i}.7` } });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fromIp(i)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 403, 403, 403, 403, 403]);
    // Only the five that were compared are failures; the refused ones gave their point back.
    const reasons = await prisma().auditEvent.findMany({ where: { type: "login", emailHash: hashEmail(email) }, select: { metadata: true } });
    expect(reasons.filter((r) => (r.metadata as { reason: string }).reason === "wrong_password")).toHaveLength(5);
    expect((await prisma().user.findUniqueOrThrow({ where: { id } })).failedLoginCount).toBe(5);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(403);
  });

  it("lets the right password in when it is among the first five of a burst, and forgets the streak", async () => {
    const { email } = await createTestUser();
    for (let i = 0; i < 2; i++) expect((await attempt(email, WRONG)).status).toBe(401);
    const [wrong, right] = await Promise.all([attempt(email, WRONG), attempt(email, STRONG_PASSWORD)]);
    expect([wrong.status, right.status]).toEqual([401, 200]);
    // The success refunded its reserved point and cleared the streak: five more failures are needed to lock.
    for (let i = 0; i < 4; i++) expect((await attempt(email, WRONG)).status).toBe(401);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(200);
  });
});

