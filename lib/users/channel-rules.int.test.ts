import { describe, expect, it } from "vitest";
import { GET as authjsGet, POST as authjsPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { DELETE as deleteSession } from "@/app/api/auth/sessions/[id]/route";
import { DELETE as deleteUserRoute, PATCH as patchUser } from "@/app/api/users/[id]/route";
import { GET as exportUser } from "@/app/api/users/[id]/export/route";
import { POST as sendReset } from "@/app/api/users/[id]/send-reset/route";
import { signOut } from "@/lib/auth/session-changes";
import { resolveSession } from "@/lib/auth/sessions";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";
import { callRoute } from "@/lib/testing/http";
import { createTestUser, outboxFor } from "@/lib/testing/users";
import { changeRole, deleteUserAsStaff, setActive } from "./account";
import { sendResetLink } from "./staff-actions";

// Rules that used to hold on one channel only. Each is decided by one lib function that the
// JSON route, the console's server action and the CLI all call; these tests hold the lib
// function and the JSON route to it (the console's journeys in e2e/admin.spec.ts).

const ctx: RequestContext = { requestId: "channel-rules", ip: "10.9.9.9", userAgent: "vitest" };

const auditTypes = async (userId: string) =>
  (await prisma().auditEvent.findMany({ where: { targetUserId: userId }, orderBy: { createdAt: "asc" }, select: { type: true } })).map((e) => e.type);

describe("send reset link to a deactivated account", () => {
  it("is refused with 409 account_deactivated by the API and the lib function, and nothing is mailed", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    await setActive(user.id, false, admin.id, ctx);
    const res = await callRoute(sendReset, `/api/users/${user.id}/send-reset`, { token: admin.token, params: { id: user.id }, method: "POST" });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: "account_deactivated" });
    await expect(sendResetLink(user.id, admin.id, ctx)).rejects.toMatchObject({ code: "account_deactivated" });
    await settleBackgroundWork();
    expect((await outboxFor(user.email)).filter((m) => m.kind === "password_reset")).toHaveLength(0);
  });
});

describe("an administrator's powers over their own account", () => {
  it("answers 409 cannot_change_self to changing their own role or deactivating themselves through the API", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestUser({ role: "admin" }); // another admin, so last_admin is not what refuses
    for (const body of [{ role: "user" }, { is_active: false }]) {
      const res = await callRoute(patchUser, `/api/users/${admin.id}`, { method: "PATCH", token: admin.token, params: { id: admin.id }, body });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ error: "cannot_change_self" });
    }
    const row = await prisma().user.findUniqueOrThrow({ where: { id: admin.id }, select: { role: true, isActive: true } });
    expect(row).toEqual({ role: "admin", isActive: true });
  });

  it("refuses the same in the lib functions the console calls, including staff deletion of oneself", async () => {
    const admin = await createTestUser({ role: "admin" });
    await expect(changeRole(admin.id, "user", admin.id, ctx)).rejects.toMatchObject({ code: "cannot_change_self" });
    await expect(setActive(admin.id, false, admin.id, ctx)).rejects.toMatchObject({ code: "cannot_change_self" });
    await expect(deleteUserAsStaff(admin.id, admin.id, ctx)).rejects.toMatchObject({ code: "cannot_change_self" });
    expect(await prisma().user.count({ where: { id: admin.id } })).toBe(1);
  });

  it("still lets them delete their own account with their password (self-service)", async () => {
    const admin = await createTestUser({ role: "admin" });
    const ok = await callRoute(deleteUserRoute, `/api/users/${admin.id}`, { method: "DELETE", token: admin.token, params: { id: admin.id }, body: { password: admin.password } });
    expect(ok.status).toBe(204);
  });
});

describe("sign-out and session changes", () => {
  it("audits sign-out the same way from the JSON route and the lib function the Sign out button calls", async () => {
    const a = await createTestUser();
    expect((await callRoute(logout, "/api/auth/logout", { token: a.token, method: "POST" })).status).toBe(200);
    expect(await resolveSession(a.token)).toBeNull();
    const b = await createTestUser();
    await signOut((await resolveSession(b.token))!, ctx);
    expect(await resolveSession(b.token)).toBeNull();
    expect(await auditTypes(a.id)).toContain("logout");
    expect(await auditTypes(b.id)).toContain("logout");
  });

  it("keeps Auth.js' own sign-out unreachable: 404, and the session stays alive", async () => {
    const user = await createTestUser();
    const cookie = `authjs.session-token=${user.token}`;
    for (const handler of [authjsPost, authjsGet]) {
      const res = await callRoute(handler as never, "/api/auth/signout", { method: handler === authjsPost ? "POST" : "GET", cookie, headers: { origin: new URL(env.APP_URL).origin } });
      expect(res.status).toBe(404);
    }
    expect(await resolveSession(user.token)).not.toBeNull();
  });

  it("audits revoking one's own session once, whichever channel", async () => {
    const user = await createTestUser();
    const other = await createTestUser({});
    const second = await prisma().session.findFirstOrThrow({ where: { userId: other.id } });
    // Someone else's session id is a 404, not a revocation.
    const foreign = await callRoute(deleteSession, `/api/auth/sessions/${second.id}`, { method: "DELETE", token: user.token, params: { id: second.id } });
    expect(foreign.status).toBe(404);
    expect(await prisma().session.count({ where: { id: second.id } })).toBe(1);
    expect(await auditTypes(other.id)).not.toContain("session_revoked");
  });

  it("of 20 concurrent refreshes of one token, exactly one succeeds and one new token is alive", async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => callRoute(refresh, "/api/auth/refresh", { token: user.token, method: "POST" })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(19);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(1);
    expect(await resolveSession(ok[0].json.token as string)).not.toBeNull();
  });

  it("records the export in the audit trail from the function that makes it", async () => {
    const user = await createTestUser();
    expect((await callRoute(exportUser, `/api/users/${user.id}/export`, { token: user.token, params: { id: user.id } })).status).toBe(200);
    expect(await auditTypes(user.id)).toContain("data_export");
  });
});
