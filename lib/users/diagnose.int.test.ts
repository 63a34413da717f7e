import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_LOGIN_EMAIL_GLOBAL = "3/3600";
  process.env.LOCKOUT_THRESHOLD = "3";
});

import { POST as login } from "@/app/api/auth/login/route";
import { POST as loginMfa } from "@/app/api/auth/login/mfa/route";
import { POST as unlock } from "@/app/api/users/[id]/unlock/route";
import { prisma } from "@/lib/db/client";
import { callRoute } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { diagnoseSignIn } from "./diagnose";

const attempt = (email: string, password: string) => callRoute(login, "/api/auth/login", { body: { email, password } });

describe("why can't they sign in", () => {
  it("names the lock and the email rate limit, and unlock clears both", async () => {
    const user = await createTestUser();
    const support = await createTestUser({ role: "support" });
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["none"]);

    for (let i = 0; i < 3; i++) await attempt(user.email, "Wrong-Password-1!");
    const blockers = await diagnoseSignIn(user.id);
    expect(blockers.map((b) => b.kind)).toEqual(["locked", "rate_limited"]);
    expect(blockers[0].summary).toMatch(/^Locked until \d\d:\d\d UTC after 3 failed sign-ins from \d+ IPs?\.$/);
    expect(blockers[1].summary).toMatch(/3 failed attempts from all networks in 60 min/);

    const res = await callRoute(unlock, `/api/users/${user.id}/unlock`, { method: "POST", token: support.token, params: { id: user.id } });
    expect(res.status).toBe(200);
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["none"]);
    expect((await attempt(user.email, user.password)).status).toBe(200);
    expect(await prisma().auditEvent.count({ where: { type: "unlock", actorId: support.id, targetUserId: user.id } })).toBe(1);
  });

  it("says who deactivated the account and when", async () => {
    const user = await createTestUser();
    const admin = await createTestUser({ role: "admin", name: "Ada Admin" });
    await prisma().user.update({ where: { id: user.id }, data: { isActive: false, deactivatedAt: new Date("2026-11-20T10:00:00Z"), deactivatedById: admin.id } });
    const [blocker] = await diagnoseSignIn(user.id);
    expect(blocker).toMatchObject({ kind: "deactivated", action: "reactivate" });
    expect(blocker.summary).toBe("Deactivated by Ada Admin on 2026-11-20. Sign-in fails with the generic error.");
  });

  it("names wrong second-factor codes and an account whose factor has no recovery codes left", async () => {
    const user = await createTestUser({ totp: true });
    const first = await attempt(user.email, user.password);
    for (let i = 0; i < 2; i++) await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: first.json.mfa_token, code: "000000" } });
    const [wrong] = await diagnoseSignIn(user.id);
    expect(wrong).toMatchObject({ kind: "wrong_codes", action: "reset_factors" });
    expect(wrong.summary).toMatch(/^2 wrong second-factor codes in the last 15 min/);

    await prisma().recoveryCode.updateMany({ where: { userId: user.id }, data: { usedAt: new Date() } });
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["wrong_codes", "no_recovery_codes"]);
    expect((await diagnoseSignIn(user.id))[1].summary).toMatch(/^Has an authenticator app but no recovery codes left/);
  });
});
