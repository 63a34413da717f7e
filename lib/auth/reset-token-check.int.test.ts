import { describe, expect, it } from "vitest";
import { isResetTokenUsable, issueResetToken, resetPassword } from "@/lib/auth/password-reset";
import { prisma } from "@/lib/db/client";
import { createTestUser, linkToken, outboxFor } from "@/lib/testing/users";

const ctx = { requestId: "test-request-0002", ip: "198.51.100.2", userAgent: "vitest" };

async function freshToken(email: string): Promise<string> {
  await issueResetToken(email, ctx);
  return linkToken((await outboxFor(email)).filter((m) => m.kind === "password_reset").at(-1)!.text);
}

describe("isResetTokenUsable", () => {
  it("is true for a fresh link and does not use it up", async () => {
    const user = await createTestUser();
    const token = await freshToken(user.email);
    expect(await isResetTokenUsable(token)).toBe(true);
    expect(await isResetTokenUsable(token)).toBe(true);
    await expect(resetPassword(token, "Checked-Secret-51", ctx)).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("is false for used, expired, forged and empty links", async () => {
    const user = await createTestUser();
    const token = await freshToken(user.email);
    expect(await isResetTokenUsable(token, Date.now() + 31 * 60_000)).toBe(false);
    await resetPassword(token, "Used-Secret-52x", ctx);
    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await isResetTokenUsable("A".repeat(43))).toBe(false);
    expect(await isResetTokenUsable("")).toBe(false);
    expect(await isResetTokenUsable("x".repeat(201))).toBe(false);
  });

  it("is false once the account is deactivated", async () => {
    const user = await createTestUser();
    const token = await freshToken(user.email);
    await prisma().user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await isResetTokenUsable(token)).toBe(false);
  });
});
