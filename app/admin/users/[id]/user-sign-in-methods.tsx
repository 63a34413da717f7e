import type { ConnectedAccount } from "@/lib/federation/accounts";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** How the account signs in: a password or not, and its connected providers (never a provider token: none is kept). */
export function UserSignInMethods({ hasPassword, accounts }: { hasPassword: boolean; accounts: ConnectedAccount[] }) {
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]" data-testid="user-sign-in-methods">
      <dt className="font-medium text-slate-700">Password</dt>
      <dd className="text-slate-900">{hasPassword ? "Set" : "None (a reset link sets one)"}</dd>
      <dt className="font-medium text-slate-700">Connected accounts</dt>
      <dd className="text-slate-900">
        {accounts.length === 0 ? (
          "None"
        ) : (
          <ul className="space-y-1">
            {accounts.map((a) => (
              <li key={a.provider}>
                {a.name} — connected {day(a.connectedAt)}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
