import { describe, expect, it } from "vitest";
import { registerUser } from "@/lib/auth/register";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { RequestContext } from "@/lib/http/request-context";
import { STRONG_PASSWORD, randomEmail } from "@/lib/testing/http";
import { recordAudit } from "./audit";
import { listRecentSignIns } from "./activity";

const ctx = (ip: string): RequestContext => ({ requestId: crypto.randomUUID(), ip, userAgent: "vitest-agent" });

describe("listRecentSignIns", () => {
  it("lists the user's own sign-in successes and failures, newest first", async () => {
    const email = randomEmail();
    const { user } = await registerUser({ email, name: "Ada", password: STRONG_PASSWORD }, ctx("203.0.113.1"));
    await signInWithPassword({ email, password: STRONG_PASSWORD }, ctx("203.0.113.2"));
    await expect(signInWithPassword({ email, password: `${STRONG_PASSWORD}x` }, ctx("203.0.113.3"))).rejects.toThrow();

    const events = await listRecentSignIns(user.id);
    expect(events.map((e) => [e.outcome, e.ip])).toEqual([
      ["failure", "203.0.113.3"],
      ["success", "203.0.113.2"],
    ]);
    expect(events[0].userAgent).toBe("vitest-agent");
  });

  it("leaves out other users' sign-ins and other event types", async () => {
    const mine = await registerUser({ email: randomEmail(), name: "Me", password: STRONG_PASSWORD }, ctx("198.51.100.1"));
    const theirs = await registerUser({ email: randomEmail(), name: "Them", password: STRONG_PASSWORD }, ctx("198.51.100.2"));
    await signInWithPassword({ email: theirs.user.email, password: STRONG_PASSWORD }, ctx("198.51.100.2"));
    await recordAudit({ type: "logout", outcome: "success", ctx: ctx("198.51.100.1"), targetUserId: mine.user.id });

    expect(await listRecentSignIns(mine.user.id)).toEqual([]);
  });

  it("returns at most the requested number of events", async () => {
    const email = randomEmail();
    const { user } = await registerUser({ email, name: "Many", password: STRONG_PASSWORD }, ctx("192.0.2.1"));
    for (let i = 0; i < 3; i++) await signInWithPassword({ email, password: STRONG_PASSWORD }, ctx("192.0.2.1"));
    expect(await listRecentSignIns(user.id, 2)).toHaveLength(2);
  });
});
