import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REQUIRE_VERIFIED_EMAIL = "true";
});

import { POST as verify } from "@/app/api/auth/email/verify/route";
import { POST as login } from "@/app/api/auth/login/route";
import { prisma } from "@/lib/db/client";
import { callRoute } from "@/lib/testing/http";
import { createTestUser, emailLinkToken, outboxFor } from "@/lib/testing/users";
import { diagnoseSignIn } from "@/lib/users/diagnose";

// REQUIRE_VERIFIED_EMAIL=true: the refusal comes only after a right password, and before any
// session or second-factor challenge exists.

const signIn = (email: string, password: string) => callRoute(login, "/api/auth/login", { body: { email, password } });
const verificationMails = async (email: string) => (await outboxFor(email)).filter((m) => m.kind === "email_verification").length;

describe("REQUIRE_VERIFIED_EMAIL", () => {
  it("a wrong password stays 401, a right one is 403 email_unverified with a new link mailed, and after the link 200", async () => {
    const user = await createTestUser();
    const wrong = await signIn(user.email, "Wrong-Horse-1-Battery");
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe("invalid_credentials");
    expect(await verificationMails(user.email)).toBe(1);

    const sessionsBefore = await prisma().session.count({ where: { userId: user.id } });
    const refused = await signIn(user.email, user.password);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: "email_unverified", message: expect.stringMatching(/sent a new link/) });
    expect(refused.cookies).toEqual([]);
    expect(refused.json.token).toBeUndefined();
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    expect(await verificationMails(user.email)).toBe(2);
    const audit = await prisma().auditEvent.findFirst({ where: { targetUserId: user.id, type: "login" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ outcome: "failure", metadata: { reason: "email_unverified", link_sent: true } });
    expect((await diagnoseSignIn(user.id)).map((b) => [b.kind, b.action])).toEqual([["email_unverified", "send_verification"]]);

    expect((await callRoute(verify, "/api/auth/email/verify", { body: { token: await emailLinkToken(user.email) } })).status).toBe(200);
    const ok = await signIn(user.email, user.password);
    expect(ok.status).toBe(200);
    expect(ok.json.token).toEqual(expect.any(String));
    expect((await diagnoseSignIn(user.id)).map((b) => b.kind)).toEqual(["none"]);
  });

  it("an unknown email and a wrong password answer alike; neither mails anything", async () => {
    const user = await createTestUser();
    const unknown = await signIn("nobody-here@example.test", user.password);
    const wrong = await signIn(user.email, `${user.password}x`);
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect({ ...unknown.json, request_id: 0 }).toEqual({ ...wrong.json, request_id: 0 });
    expect(await verificationMails(user.email)).toBe(1);
  });

  it("is checked before the second-factor challenge: no mfa_token for an unverified account", async () => {
    const user = await createTestUser({ totp: true });
    const refused = await signIn(user.email, user.password);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe("email_unverified");
    expect(refused.json.mfa_token).toBeUndefined();
    expect(await prisma().authChallenge.count({ where: { userId: user.id, kind: "mfa" } })).toBe(0);
  });

  it("stops mailing past the per-user limit but keeps refusing, and says to use the links already sent", async () => {
    const user = await createTestUser();
    const messages = [];
    for (let i = 0; i < 4; i++) messages.push((await signIn(user.email, user.password)).json.message as string);
    expect(messages.slice(0, 3).every((m) => /sent a new link/.test(m))).toBe(true);
    expect(messages[3]).toMatch(/use the link we sent/);
    expect(await verificationMails(user.email)).toBe(4); // registration + 3
  });
});
