import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // One hashing thread, one waiting job: the third concurrent sign-in finds the pool full.
  process.env.HASH_POOL_SIZE = "1";
  process.env.HASH_POOL_MAX_QUEUE = "1";
  process.env.BCRYPT_COST = "12";
  process.env.RATE_LIMIT_LOGIN_EMAIL = "1000/3600";
});

import { POST as login } from "@/app/api/auth/login/route";
import bcrypt from "bcryptjs";
import { hashPassword, hashPoolStats, verifyPassword, warmHashing } from "@/lib/auth/password-hashing";
import { callRoute, randomEmail } from "@/lib/testing/http";

describe("hashing pool", () => {
  it("answers 503 busy with Retry-After when sign-ins queue beyond the configured depth", async () => {
    await warmHashing();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => callRoute(login, "/api/auth/login", { body: { email: randomEmail(), password: "Whatever-1x!" } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    // One compare runs and one waits; the rest arrive while both are taken.
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    const busy = results.find((r) => r.status === 503)!;
    expect(busy.json).toMatchObject({ error: "busy", retry_after: 1, request_id: expect.any(String) });
    expect(busy.headers.get("retry-after")).toBe("1");
  });

  it("runs bcrypt on worker threads: the main thread's bcryptjs is never called", async () => {
    expect(hashPoolStats().threads).toBe(1);
    const spies = (["compare", "compareSync", "hash", "hashSync"] as const).map((name) => vi.spyOn(bcrypt, name));
    const hash = await hashPassword("Some-Password-1!", 10);
    expect(await verifyPassword("Some-Password-1!", hash)).toBe(true);
    expect(await verifyPassword("other", hash)).toBe(false);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
