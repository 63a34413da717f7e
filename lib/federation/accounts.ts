import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { providerName } from "./providers";

// Connected accounts (SPEC 11): a user's identities at sign-in providers. Only the provider
// and the provider's id for the person are kept, never the provider's access or refresh
// tokens: Latchkey signs people in, it does not call the provider's APIs for them.

type Tx = Prisma.TransactionClient;

export const lastSignInMethod = () =>
  new ApiError("last_sign_in_method", "This is your only way to sign in: set a password or add a passkey first");

export async function listConnectedAccounts(userId: string) {
  const rows = await prisma().account.findMany({ where: { userId }, select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ provider: r.provider, name: providerName(r.provider), connectedAt: r.createdAt }));
}

export type ConnectedAccount = Awaited<ReturnType<typeof listConnectedAccounts>>[number];

export const connectedAccountJson = (a: ConnectedAccount) => ({ provider: a.provider, connected_at: a.connectedAt.toISOString() });

/** Whether the user has a password, how many passkeys, which providers (pages, support). */
export function signInMethodsOf(userId: string, db: Pick<Tx, "user" | "passkey" | "account"> = prisma()) {
  return Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
    db.passkey.count({ where: { userId } }),
    db.account.findMany({ where: { userId }, select: { provider: true } }),
  ]).then(([user, passkeys, accounts]) => ({ password: Boolean(user?.passwordHash), passkeys, providers: accounts.map((a) => a.provider) }));
}

/**
 * Locks the user's row for the rest of the transaction and says how they can sign in.
 * Every removal of a way to sign in (a connection, a passkey) runs under this lock, so two
 * concurrent removals cannot both take "the other one".
 */
export async function lockSignInMethods(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  return signInMethodsOf(userId, tx);
}

export type SignInMethods = Awaited<ReturnType<typeof lockSignInMethods>>;

export const countSignInMethods = (m: SignInMethods) => (m.password ? 1 : 0) + m.passkeys + m.providers.length;

/** DELETE /api/auth/accounts/{provider} and Settings: refused when it is the last way in. */
export async function disconnectAccount(userId: string, provider: string, ctx: RequestContext): Promise<void> {
  // Audit rows are written after the transaction: on the embedded database a query outside
  // an open transaction waits for it.
  const outcome = await prisma().$transaction(async (tx) => {
    const methods = await lockSignInMethods(tx, userId);
    if (!methods.providers.includes(provider)) return "not_found" as const;
    if (countSignInMethods(methods) <= 1) return "last" as const;
    await tx.account.deleteMany({ where: { userId, provider } });
    return "done" as const;
  });
  if (outcome === "not_found") throw notFound("Connected account");
  const base = { ctx, actorId: userId, targetUserId: userId };
  if (outcome === "last") {
    await recordAudit({ ...base, type: "account_unlinked", outcome: "failure", metadata: { provider, reason: "last_sign_in_method" } });
    throw lastSignInMethod();
  }
  await recordAudit({ ...base, type: "account_unlinked", outcome: "success", metadata: { provider } });
}
