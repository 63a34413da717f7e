import type { Metadata } from "next";
import Link from "next/link";
import { SectionCard } from "@/components/ui/card";
import { StatusMessage } from "@/components/ui/status-message";
import { requireUser } from "@/lib/auth/guards";
import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import { factorSummary } from "@/lib/mfa/factors";
import { PasskeySection } from "./passkey-section";
import { RecoveryCodesSection, TotpSection } from "./totp-section";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const session = await requireUser("/settings/security");
  const factors = await factorSummary(session.user.id);
  const { required } = await searchParams;
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
      <SectionCard title="Recovery codes" description="For when you lose your phone or security key: each code signs you in once.">
        <RecoveryCodesSection remaining={factors.recovery_codes.remaining} hasFactor={hasFactor} />
      </SectionCard>
    </div>
  );
}
