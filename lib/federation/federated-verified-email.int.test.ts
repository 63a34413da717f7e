import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REQUIRE_VERIFIED_EMAIL = "true";
});

import { isSecondFactorRequired } from "@/lib/auth/sign-in";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import type { RequestContext } from "@/lib/http/request-context";
import { randomEmail, randomIp } from "@/lib/testing/http";
import { createTestUser, outboxFor } from "@/lib/testing/users";
import { connectProvider, signInWithProvider, type Identity } from "./federated-sign-in";

// Sign-in with a provider and email ownership, with REQUIRE_VERIFIED_EMAIL=true: a provider
// that vouches for the address verifies it; one that does not gets the user a link, and the
// sign-in waits for it, before any session or second-factor challenge.

const ctx = (): RequestContext => ({ requestId: `test-${crypto.randomUUID()}`, ip: randomIp(), userAgent: "vitest" });
const identity = (over: Partial<Identity> = {}): Identity => ({ provider: "oidc", id: `sub-${crypto.randomUUID()}`, email: randomEmail("idp"), name: "Ada", emailVerified: true, ...over });
const codeOf = (p: Promise<unknown>) => p.then(() => "signed in", (err) => (err as { code?: string }).code ?? String(err));
const verificationMails = async (email: string) => {
  await settleBackgroundWork();
  return (await outboxFor(email)).filter((m) => m.kind === "email_verification").length;
};

describe("federated sign-in and verified email", () => {
  it("signs in at once when the provider asserts the email", async () => {
    const who = identity();
    const result = await signInWithProvider(who, ctx());
    expect(isSecondFactorRequired(result)).toBe(false);
    expect(await verificationMails(who.email!)).toBe(0);
  });

  it("mails a link when the provider does not assert it, and refuses the sign-in with email_unverified until it is used", async () => {
    const who = identity({ emailVerified: false });
    expect(await codeOf(signInWithProvider(who, ctx()))).toBe("email_unverified");
    const user = await prisma().user.findUniqueOrThrow({ where: { email: who.email! }, select: { id: true, emailVerified: true } });
    expect(user.emailVerified).toBeNull();
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(0);
    // One link at registration, one with the refusal.
    expect(await verificationMails(who.email!)).toBe(2);

    // The provider vouching for it later verifies it.
    const result = await signInWithProvider({ ...who, emailVerified: true }, ctx());
    expect(isSecondFactorRequired(result)).toBe(false);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeInstanceOf(Date);
  });

  it("refuses an unverified account before the second-factor challenge", async () => {
    const user = await createTestUser({ totp: true });
    const who = identity({ emailVerified: false, email: randomEmail("elsewhere") });
    await connectProvider(user.id, who, ctx());
    const challengesBefore = await prisma().authChallenge.count({ where: { userId: user.id, kind: "mfa" } });
    expect(await codeOf(signInWithProvider(who, ctx()))).toBe("email_unverified");
    expect(await prisma().authChallenge.count({ where: { userId: user.id, kind: "mfa" } })).toBe(challengesBefore);
  });
});
