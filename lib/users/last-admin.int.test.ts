import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/lib/testing/scratch-database";

// These tests must know every administrator there is. On PostgreSQL the test files share one
// database, so this file gets one of its own before anything opens the app's database (on
// PGlite every file has its own anyway). Hence the dynamic imports below.
const own = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : null;
if (own) process.env.DATABASE_URL = own.url;
afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db/client");
  await closeDatabase();
  await own?.drop();
});

const { prisma } = await import("@/lib/db/client");
const { createTestUser } = await import("@/lib/testing/users");
const { callRoute } = await import("@/lib/testing/http");
const { DELETE: deleteUserRoute } = await import("@/app/api/users/[id]/route");
const { changeRole, deleteUserAsStaff, setActive } = await import("./account");

const ctx = { requestId: "last-admin", ip: "10.8.8.8", userAgent: "vitest" };

/** Exactly two active administrators, a and b. */
async function twoAdmins() {
  await prisma().user.updateMany({ where: { role: "admin" }, data: { role: "user" } });
  return [await createTestUser({ role: "admin" }), await createTestUser({ role: "admin" })] as const;
}

const activeAdmins = () => prisma().user.count({ where: { role: "admin", isActive: true } });

describe("the last active administrator stays", () => {
  it("when two administrators demote each other at the same moment: one wins, the other gets 409 last_admin", async () => {
    const [a, b] = await twoAdmins();
    const results = await Promise.allSettled([changeRole(b.id, "user", a.id, ctx), changeRole(a.id, "user", b.id, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "last_admin" } });
    expect(await activeAdmins()).toBe(1);
  });

  it("when two administrators deactivate each other at the same moment", async () => {
    const [a, b] = await twoAdmins();
    const results = await Promise.allSettled([setActive(b.id, false, a.id, ctx), setActive(a.id, false, b.id, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdmins()).toBe(1);
  });

  it("when two administrators delete each other at the same moment", async () => {
    const [a, b] = await twoAdmins();
    const results = await Promise.allSettled([deleteUserAsStaff(b.id, a.id, ctx), deleteUserAsStaff(a.id, b.id, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdmins()).toBe(1);
  });

  it("when the last administrator deletes their own account: 409 last_admin, and the account stays", async () => {
    const [a, b] = await twoAdmins();
    await changeRole(b.id, "user", a.id, ctx);
    const res = await callRoute(deleteUserRoute, `/api/users/${a.id}`, { method: "DELETE", token: a.token, params: { id: a.id }, body: { password: a.password } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: "last_admin" });
    expect(await activeAdmins()).toBe(1);
  });
});
