import { describe, expect, it } from "vitest";
import { GET as listAccounts } from "@/app/api/auth/accounts/route";
import { DELETE as disconnect } from "@/app/api/auth/accounts/[provider]/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as forgot } from "@/app/api/auth/password/forgot/route";
import { DELETE as removePasskey } from "@/app/api/auth/passkeys/[id]/route";
import { hashToken } from "@/lib/auth/tokens";
import { resolveSession } from "@/lib/auth/sessions";
import { isSecondFactorRequired } from "@/lib/auth/sign-in";
import { settleBackgroundWork } from "@/lib/background";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";
import { callRoute, randomEmail, randomIp } from "@/lib/testing/http";
import { createTestUser, outboxFor } from "@/lib/testing/users";
import { diagnoseSignIn } from "@/lib/users/diagnose";
import { FederationError, connectProvider, signInWithProvider, type Identity } from "./federated-sign-in";

// The federated sign-in decision on the real database (both PGlite and PostgreSQL): what
// happens once Auth.js has checked the provider's answer. The browser flows against a real
// OpenID Connect provider are in e2e/federation.spec.ts.

const ctx = (): RequestContext => ({ requestId: `test-${crypto.randomUUID()}`, ip: randomIp(), userAgent: "vitest" });
const identity = (over: Partial<Identity> = {}): Identity => ({
  provider: "oidc",
  id: `sub-${crypto.randomUUID()}`,
  email: randomEmail("idp"),
  name: "Ada Provider",
  emailVerified: true,
  ...over,
});

const signedIn = async (who: Identity) => {
  const result = await signInWithProvider(who, ctx());
  if (isSecondFactorRequired(result)) throw new Error("unexpected second factor");
  return result;
};

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "signed in",
    (err) => (err instanceof FederationError ? err.code : (err as { code?: string }).code ?? String(err)),
  );

describe("federated sign-in", () => {
  it("creates the user on the first sign-in (email verified when the provider says so), and signs the same identity into the same account", async () => {
    const who = identity();
    const first = await signedIn(who);
    const user = await prisma().user.findUniqueOrThrow({ where: { id: first.user.id }, select: { email: true, name: true, passwordHash: true, emailVerified: true } });
    expect(user).toMatchObject({ email: who.email, name: "Ada Provider", passwordHash: null });
    expect(user.emailVerified).toBeInstanceOf(Date);

    const again = await signedIn({ ...who, email: who.email, name: "Renamed There" });
    expect(again.user.id).toBe(first.user.id);
    expect(await prisma().user.count({ where: { email: who.email! } })).toBe(1);
  });

  it("gives a Latchkey session: hashed token, IP and user agent, level 1, and an audit event with the provider", async () => {
    const c = ctx();
    const who = identity();
    const result = await signInWithProvider(who, c);
    if (isSecondFactorRequired(result)) throw new Error("unexpected");
    const row = await prisma().session.findUniqueOrThrow({ where: { sessionToken: hashToken(result.token) } });
    expect(row).toMatchObject({ userId: result.user.id, ipAddress: c.ip, userAgent: "vitest", level: 1 });
    expect(await prisma().session.count({ where: { sessionToken: result.token } })).toBe(0);
    expect((await resolveSession(result.token))?.user.id).toBe(result.user.id);
    const events = await prisma().auditEvent.findMany({ where: { targetUserId: result.user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.outcome, (e.metadata as Record<string, unknown>).provider])).toEqual([
      ["register", "success", "oidc"],
      ["login", "success", "oidc"],
    ]);
    expect(events[1].metadata).toMatchObject({ method: "federated", sessionId: row.id });
    expect(events[1].requestId).toBe(c.requestId);
  });

  it("leaves the email unverified when the provider does not assert it, and mails a verification link", async () => {
    const who = identity({ emailVerified: false });
    const { user } = await signedIn(who);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeNull();
    await settleBackgroundWork();
    expect((await outboxFor(who.email!)).map((m) => m.kind)).toEqual(["email_verification"]);
  });

  it("never links an existing account silently: the sign-in is refused and nothing is created", async () => {
    const existing = await createTestUser();
    const who = identity({ email: existing.email });
    const before = await prisma().session.count({ where: { userId: existing.id } });
    expect(await refusal(signInWithProvider(who, ctx()))).toBe("account_exists");
    expect(await prisma().account.count({ where: { providerAccountId: who.id } })).toBe(0);
    expect(await prisma().session.count({ where: { userId: existing.id } })).toBe(before);
  });

  it("refuses a deactivated user with the generic refusal, and audits why", async () => {
    const who = identity();
    const { user } = await signedIn(who);
    await prisma().user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await refusal(signInWithProvider(who, ctx()))).toBe("signin_refused");
    const last = await prisma().auditEvent.findFirstOrThrow({ where: { targetUserId: user.id, type: "login" }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({ outcome: "failure", metadata: { reason: "deactivated", provider: "oidc" } });
  });

  it("holds the lockout of the account's email (failed password attempts lock the provider's way in too)", async () => {
    const who = identity();
    await signedIn(who);
    for (let i = 0; i < env.LOCKOUT_THRESHOLD; i++) {
      const res = await callRoute(login, "/api/auth/login", { body: { email: who.email, password: "Wrong-Password-1" } });
      expect(res.status).toBe(401);
    }
    expect(await refusal(signInWithProvider(who, ctx()))).toBe("account_locked");
  });

  it("asks a user with a second factor for it: no session, an mfa token", async () => {
    const user = await createTestUser({ totp: true });
    const who = identity({ email: user.email });
    await connectProvider(user.id, who, ctx());
    const before = await prisma().session.count({ where: { userId: user.id } });
    const result = await signInWithProvider(who, ctx());
    expect(isSecondFactorRequired(result)).toBe(true);
    if (isSecondFactorRequired(result)) expect(result.methods).toContain("totp");
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(before);
  });

  it("refuses an identity without an email", async () => {
    expect(await refusal(signInWithProvider(identity({ email: null }), ctx()))).toBe("no_email");
  });

  it("of two concurrent first sign-ins of one identity, both end in the same single account", async () => {
    const who = identity();
    const [a, b] = await Promise.all([signedIn(who), signedIn(who)]);
    expect(a.user.id).toBe(b.user.id);
    expect(await prisma().account.count({ where: { providerAccountId: who.id } })).toBe(1);
  });
});

describe("connected accounts", () => {
  it("connects an identity to the signed-in user, lists it, and refuses it to anyone else", async () => {
    const user = await createTestUser();
    const who = identity({ email: randomEmail("other-address") });
    await connectProvider(user.id, who, ctx());
    const listed = await callRoute(listAccounts, "/api/auth/accounts", { token: user.token });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([{ provider: "oidc", connected_at: expect.any(String) }]);
    // The identity now signs in to this user, whatever its email.
    expect((await signedIn(who)).user.id).toBe(user.id);

    const other = await createTestUser();
    expect(await refusal(connectProvider(other.id, who, ctx()))).toBe("already_connected_elsewhere");
    expect(await refusal(connectProvider(user.id, identity(), ctx()))).toBe("provider_already_connected");
    const audit = await prisma().auditEvent.findMany({ where: { targetUserId: user.id, type: "account_linked" } });
    expect(audit.map((e) => e.outcome).sort()).toEqual(["failure", "success"]);
  });

  it("disconnects with a recent authentication, and refuses the last way to sign in (409 last_sign_in_method)", async () => {
    const withPassword = await createTestUser();
    await connectProvider(withPassword.id, identity(), ctx());
    const ok = await callRoute(disconnect, "/api/auth/accounts/oidc", { method: "DELETE", token: withPassword.token, params: { provider: "oidc" } });
    expect(ok.status).toBe(204);
    const gone = await callRoute(disconnect, "/api/auth/accounts/oidc", { method: "DELETE", token: withPassword.token, params: { provider: "oidc" } });
    expect(gone.status).toBe(404);

    const federatedOnly = await signedIn(identity());
    const last = await callRoute(disconnect, "/api/auth/accounts/oidc", { method: "DELETE", token: federatedOnly.token, params: { provider: "oidc" } });
    expect(last.status).toBe(409);
    expect(last.json).toMatchObject({ error: "last_sign_in_method" });
    expect(await prisma().account.count({ where: { userId: federatedOnly.user.id } })).toBe(1);
  });

  it("needs a recent authentication to disconnect (403 reauthentication_required)", async () => {
    const user = await createTestUser();
    await connectProvider(user.id, identity(), ctx());
    await prisma().session.updateMany({ where: { userId: user.id }, data: { authenticatedAt: new Date(Date.now() - 3600_000) } });
    const res = await callRoute(disconnect, "/api/auth/accounts/oidc", { method: "DELETE", token: user.token, params: { provider: "oidc" } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: "reauthentication_required" });
  });

  it("keeps one way in when two are removed at once (a connection and a passkey of a user without a password)", async () => {
    const who = identity({ provider: "github" });
    const { user, token } = await signedIn(who);
    await connectProvider(user.id, identity(), ctx());
    const passkey = await prisma().passkey.create({
      data: { userId: user.id, credentialId: `cred-${crypto.randomUUID()}`, publicKey: Buffer.from("x"), deviceType: "singleDevice", name: "Test key" },
      select: { id: true },
    });
    const results = await Promise.all([
      callRoute(disconnect, "/api/auth/accounts/oidc", { method: "DELETE", token, params: { provider: "oidc" } }),
      callRoute(disconnect, "/api/auth/accounts/github", { method: "DELETE", token, params: { provider: "github" } }),
      callRoute(removePasskey, `/api/auth/passkeys/${passkey.id}`, { method: "DELETE", token, params: { id: passkey.id } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 204, 409]);
    const left = (await prisma().account.count({ where: { userId: user.id } })) + (await prisma().passkey.count({ where: { userId: user.id } }));
    expect(left).toBe(1);
  });

  it("a federated-only user has no password: password sign-in fails like any wrong password, and forgot-password mails a link to set one", async () => {
    const who = identity();
    await signedIn(who);
    const res = await callRoute(login, "/api/auth/login", { body: { email: who.email, password: "Whatever-Password-1" } });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: "invalid_credentials" });
    const sent = await callRoute(forgot, "/api/auth/password/forgot", { body: { email: who.email } });
    expect(sent.status).toBe(202);
    await settleBackgroundWork();
    expect((await outboxFor(who.email!)).length).toBeGreaterThan(0);
  });

  it("support's panel says the account signs in with the provider only", async () => {
    const { user } = await signedIn(identity({ provider: "github" }));
    const blockers = await diagnoseSignIn(user.id);
    expect(blockers.map((b) => b.kind)).toContain("provider_only");
    expect(blockers.find((b) => b.kind === "provider_only")?.summary).toContain("Signs in with GitHub only");
  });
});
