import { beforeAll, describe, expect, it } from "vitest";
import { GET as listUsers } from "@/app/api/users/route";
import { rawClient } from "@/lib/db/client";
import { callRoute } from "@/lib/testing/http";
import { createTestUser, type TestUser } from "@/lib/testing/users";

// 10,000 users seeded with one INSERT … SELECT generate_series, then searched through the
// real route. Timings are printed, not asserted (benchmarks measure, tests check behaviour).
const RUN = `s${Date.now().toString(36)}`;
let support: TestUser;

beforeAll(async () => {
  await rawClient().query({
    text: `INSERT INTO "User" (id, email, name, role, "isActive", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt")
           SELECT $1 || '-' || g, $1 || '-' || g || '@bulk.test', 'Bulk Person ' || g,
                  (CASE WHEN g % 100 = 0 THEN 'support' ELSE 'user' END)::"Role",
                  g % 50 <> 0,
                  CASE WHEN g % 70 = 0 THEN now() + interval '20 minutes' END,
                  CASE WHEN g % 3 = 0 THEN now() - (g || ' minutes')::interval END,
                  now() - (g || ' seconds')::interval, now()
           FROM generate_series(1, 10000) AS g`,
    values: [RUN],
  });
  support = await createTestUser({ role: "support" });
}, 120_000);

async function search(params: string) {
  const t0 = performance.now();
  const res = await callRoute(listUsers, `/api/users?${params}`, { token: support.token });
  const ms = performance.now() - t0;
  console.log(`GET /api/users?${params} -> ${res.status} in ${ms.toFixed(1)} ms`);
  return res;
}

describe("user search over 10,000 users", () => {
  it("finds by case-insensitive substring of email or name, paginated", async () => {
    const res = await search(`query=${RUN.toUpperCase()}-99&page_size=25`);
    expect(res.status).toBe(200);
    // -99, -990..-999, -9900..-9999
    expect(res.json.total).toBe(1 + 10 + 100);
    expect(res.json.pages).toBe(5);
    expect((res.json.users as unknown[]).length).toBe(25);
    const byName = await search(`query=bulk%20person%209999`);
    expect((byName.json.users as { email: string }[]).some((u) => u.email === `${RUN}-9999@bulk.test`)).toBe(true);
  });

  it("filters by role and status and sorts by newest or last sign-in", async () => {
    const q = `query=${RUN}`;
    expect((await search(`${q}&role=support`)).json.total).toBe(100);
    expect((await search(`${q}&status=deactivated`)).json.total).toBe(200);
    // locked: every 70th, minus those that are also deactivated (every 350th)
    expect((await search(`${q}&status=locked`)).json.total).toBe(142 - 28);
    expect((await search(`${q}&status=active`)).json.total).toBe(10000 - 200 - 114);
    const newest = await search(`${q}&sort=newest&page_size=3`);
    expect((newest.json.users as { email: string }[]).map((u) => u.email)).toEqual([1, 2, 3].map((g) => `${RUN}-${g}@bulk.test`));
    const last = await search(`${q}&sort=last_sign_in&page_size=2`);
    expect((last.json.users as { email: string }[]).map((u) => u.email)).toEqual([3, 6].map((g) => `${RUN}-${g}@bulk.test`));
    const page400 = await search(`${q}&page=400&page_size=25`);
    expect((page400.json.users as unknown[]).length).toBe(25);
  });

  it("answers a selective substring match from the trigram indexes, not by reading the table", async () => {
    // Steady state: statistics collected and the GIN pending list merged (autovacuum does
    // this on a server; the embedded database has no autovacuum).
    await rawClient().query({ text: `VACUUM ANALYZE "User"` });
    // The search's total: the predicate Prisma builds for `contains` + `mode: "insensitive"`
    // on email or name. (The page itself may walk the createdAt index instead, stopping
    // after 25 matches: the planner picks whichever is cheaper.)
    const pattern = `%${support.email.split("@")[0].toUpperCase()}%`.replace(/'/g, "''");
    const { rows } = await rawClient().query({
      text: `EXPLAIN SELECT COUNT(*) FROM "User" WHERE ("email" ILIKE '${pattern}' OR "name" ILIKE '${pattern}')`,
    });
    const plan = (rows as Record<string, string>[]).map((r) => r["QUERY PLAN"]).join("\n");
    console.log(plan);
    expect(plan).toContain("User_email_trgm_idx");
    expect(plan).toContain("User_name_trgm_idx");
    expect(plan).not.toMatch(/Seq Scan on "User"/);
  });

  it("answers 400 naming the parameter for bad filters", async () => {
    const res = await search("status=frozen&page=0");
    expect(res.status).toBe(400);
    expect(res.json.fields).toHaveProperty("status");
    expect(res.json.fields).toHaveProperty("page");
  });
});
