import type { Metadata } from "next";
import Link from "next/link";
import { SectionCard } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusMessage } from "@/components/ui/status-message";
import { requireUser } from "@/lib/auth/guards";
import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import { listConnectedAccounts, signInMethodsOf } from "@/lib/federation/accounts";
import { configuredProviders, providerName } from "@/lib/federation/providers";
import { factorSummary } from "@/lib/mfa/factors";
import { isRecentlyAuthenticated } from "@/lib/auth/step-up";
import { env } from "@/lib/env";
import { ConnectedAccounts } from "./connected-accounts";
import { ProviderReauth } from "./provider-reauth";
import { PasskeySection } from "./passkey-section";
import { RecoveryCodesSection, TotpSection } from "./totp-section";

export const metadata: Metadata = { title: "Security" };

// What the provider's callback (or a provider that could not be reached) came back with.
const FEDERATION_MESSAGES: Record<string, (provider: string) => string> = {
  link_expired: () => "That request expired or came from another session. Nothing changed: try again.",
  reauth_mismatch: (p) => `That ${p} account isn't one connected to you. Nothing changed.`,
  already_connected_elsewhere: (p) => `That ${p} account is connected to another Latchkey account. Nothing changed.`,
  provider_already_connected: (p) => `You already have a ${p} account connected: disconnect it first. Nothing changed.`,
  provider_unavailable: (p) => `${p} can't be reached right now. Nothing changed: try again later.`,
};

type Params = Record<"required" | "connected" | "reauthenticated" | "federation" | "error" | "provider" | "ref", string | string[] | undefined>;

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Params> }) {
  const session = await requireUser("/settings/security");
  const [factors, connected, methods] = await Promise.all([
    factorSummary(session.user.id),
    listConnectedAccounts(session.user.id),
    signInMethodsOf(session.user.id),
  ]);
  const params = await searchParams;
  const one = (k: keyof Params) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const required = one("required");
  const problem = one("federation") ?? one("error");
  const problemText = problem ? (FEDERATION_MESSAGES[problem] ?? (() => "Connecting didn't complete. Nothing changed: try again."))(providerName(one("provider") ?? "")) : null;
  const justConnected = one("connected");
  const rows = configuredProviders().map((p) => ({ ...p, connectedAt: connected.find((c) => c.provider === p.id)?.connectedAt.toISOString() ?? null }));
  // Connections to a provider no longer configured still show, so they can be removed.
  for (const c of connected) if (!rows.some((r) => r.id === c.provider)) rows.push({ id: c.provider as never, name: c.name, connectedAt: c.connectedAt.toISOString() });
  // Without a password (and so without re-entering one), a connected provider confirms it's them.
  const reauthProviders = !methods.password && !isRecentlyAuthenticated(session) ? rows.filter((r) => r.connectedAt && configuredProviders().some((p) => p.id === r.id)) : [];
  const staffNeedsFactor = roleNeedsSecondFactor(session.user.role) && session.level < 2;
  const hasFactor = factors.totp.enabled || factors.passkeys.length > 0;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/settings" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            ← Settings
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Security</h1>
        <p className="mt-1 text-sm text-slate-600">A second factor keeps your account safe even if your password leaks.</p>
      </div>
      {one("reauthenticated") && <StatusMessage message={`Confirmed with ${providerName(one("reauthenticated")!)}. You can make changes for the next ${Math.round(env.REAUTH_MAX_AGE_S / 60)} minutes.`} />}
      {reauthProviders.length > 0 && <ProviderReauth providers={reauthProviders} from="/settings/security" />}
      {(required === "1" || staffNeedsFactor) && (
        <div data-testid="mfa-required-notice">
          <StatusMessage
            message={
              hasFactor
                ? "Your staff tools need a sign-in with your second factor: sign out and sign in again with it."
                : "Your role's tools (the admin console) need a second factor. Set up an authenticator app or a passkey below, then sign in with it."
            }
          />
        </div>
      )}
      <SectionCard title="Authenticator app" description="Codes from an app such as Google Authenticator, 1Password or Aegis, asked for after your password.">
        <TotpSection enabled={factors.totp.enabled} since={factors.totp.created_at} />
      </SectionCard>
      <SectionCard title="Passkeys" description="Sign in with your device's screen lock or a security key, without a password; also accepted as your second factor.">
        <PasskeySection passkeys={factors.passkeys} />
      </SectionCard>
      <SectionCard title="Connected accounts" description="Sign in with another account you already have. You can't disconnect your only way to sign in.">
        <div id="connected-accounts" className="space-y-3">
          {problemText && <FormAlert title={problemText} reference={one("ref")?.slice(0, 64)} />}
          {justConnected && !problemText && <StatusMessage message={`${providerName(justConnected)} connected. You can sign in with it now.`} />}
          <ConnectedAccounts rows={rows} hasPassword={methods.password} />
        </div>
      </SectionCard>
      <SectionCard title="Recovery codes" description="For when you lose your phone or security key: each code signs you in once.">
        <RecoveryCodesSection remaining={factors.recovery_codes.remaining} hasFactor={hasFactor} />
      </SectionCard>
    </div>
  );
}
