import type { Metadata } from "next";
import Link from "next/link";
import { SectionCard } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { factorSummary } from "@/lib/mfa/factors";

export const metadata: Metadata = { title: "Second factor needed" };

// Where staff land when their session lacks the second factor their role needs
// (MFA_REQUIRED_ROLES): what is missing and how to fix it.
export default async function MfaRequiredPage() {
  const session = await requireUser("/admin");
  const factors = await factorSummary(session.user.id);
  const hasFactor = factors.totp.enabled || factors.passkeys.length > 0;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">The console needs your second factor</h1>
      <SectionCard title={hasFactor ? "Sign in with your second factor" : "Set up a second factor"}>
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            Staff can unlock accounts, send reset links and read the audit log, so a password alone is not enough: this session was not signed in with an
            authenticator code or a passkey.
          </p>
          {hasFactor ? (
            <p>You have a second factor. Sign out, then sign in again and use it when asked.</p>
          ) : (
            <p>Set up an authenticator app or a passkey; the console opens as soon as you have proved it.</p>
          )}
          <p>
            <Link href="/settings/security" className="inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-4 font-medium text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Go to Settings → Security
            </Link>
          </p>
        </div>
      </SectionCard>
    </div>
  );
}
