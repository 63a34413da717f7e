import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { DELETE as deleteUser } from "@/app/api/users/[id]/route";
import { GET as exportUser } from "@/app/api/users/[id]/export/route";
import { prisma } from "@/lib/db/client";
import { callRoute } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";
import { emailHashes, hashEmail } from "./audit";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("email hashes in audit rows and logs", () => {
  it("are keyed with a key derived from AUTH_SECRET, so a guessed email cannot be confirmed with plain SHA-256", async () => {
    const user = await createTestUser();
    await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "Wrong-Password-9!" } });
    const row = await prisma().auditEvent.findFirstOrThrow({ where: { type: "login", targetUserId: user.id }, select: { emailHash: true } });
    expect(row.emailHash).not.toBe(sha256(user.email));
    const key = createHmac("sha256", process.env.AUTH_SECRET!).update("latchkey email hash v1").digest();
    expect(row.emailHash).toBe(`h1:${createHmac("sha256", key).update(user.email).digest("hex")}`);
    expect(hashEmail(` ${user.email.toUpperCase()} `)).toBe(row.emailHash);
  });

  it("still find rows written with the old unkeyed hash: the export includes them and deletion removes them", async () => {
    const user = await createTestUser();
    const legacy = await prisma().auditEvent.create({ data: { type: "login", outcome: "failure", emailHash: sha256(user.email), ip: "10.0.0.1", requestId: "legacy-row", metadata: { reason: "unknown_email" } } });
    expect(emailHashes(user.email)).toContain(sha256(user.email));
    const exported = await callRoute(exportUser, `/api/users/${user.id}/export`, { token: user.token, params: { id: user.id } });
    expect((exported.json.audit_events as { id: string }[]).map((e) => e.id)).toContain(legacy.id);
    const del = await callRoute(deleteUser, `/api/users/${user.id}`, { method: "DELETE", token: user.token, params: { id: user.id }, body: { password: user.password } });
    expect(del.status).toBe(204);
    expect((await prisma().auditEvent.findUniqueOrThrow({ where: { id: legacy.id } })).emailHash).toBeNull();
  });
});
