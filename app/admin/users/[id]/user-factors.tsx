import type { FactorSummary } from "@/lib/mfa/factors";

const day = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 10) : null);

/** TOTP on or off, passkeys by name and last use, recovery codes left: never a secret. */
export function UserFactors({ factors }: { factors: FactorSummary }) {
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]" data-testid="user-factors">
      <dt className="font-medium text-slate-700">Authenticator app</dt>
      <dd className="text-slate-900">{factors.totp.enabled ? `On since ${day(factors.totp.created_at)}${factors.totp.last_used_at ? `, last used ${day(factors.totp.last_used_at)}` : ""}` : "Off"}</dd>
      <dt className="font-medium text-slate-700">Passkeys</dt>
      <dd className="text-slate-900">
        {factors.passkeys.length === 0 ? (
          "None"
        ) : (
          <ul className="space-y-1">
            {factors.passkeys.map((p) => (
              <li key={p.id}>
                {p.name} — added {day(p.created_at)}, {p.last_used_at ? `last used ${day(p.last_used_at)}` : "never used"}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt className="font-medium text-slate-700">Recovery codes left</dt>
      <dd className="text-slate-900">{factors.recovery_codes.remaining}</dd>
    </dl>
  );
}
