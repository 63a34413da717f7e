import type { Metadata } from "next";
import Link from "next/link";
import { SessionList } from "@/components/sessions/session-list";
import { SignOutOthers } from "@/components/sessions/sign-out-others";
import { SectionCard } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { listSessions } from "@/lib/auth/sessions";
import { isRecentlyAuthenticated } from "@/lib/auth/step-up";
import { emailStatus } from "@/lib/email/verification";
import { env } from "@/lib/env";
import { listConnectedAccounts, signInMethodsOf } from "@/lib/federation/accounts";
import { configuredProviders } from "@/lib/federation/providers";
import { formatUtc } from "@/lib/format/time";
import { DeleteAccountForm } from "./delete-account-form";
import { EmailForm } from "./email-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { ProviderReauth } from "./security/provider-reauth";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requireUser("/settings");
  const { user } = session;
  const [sessions, address, methods, connected] = await Promise.all([listSessions(user.id), emailStatus(user.id, { email: user.email, emailVerified: session.emailVerifiedAt }), signInMethodsOf(user.id), listConnectedAccounts(user.id)]);
  // An email change needs a recent authentication; without a password to type, a connected provider gives it.
  const reauthProviders = !methods.password && !isRecentlyAuthenticated(session) ? configuredProviders().filter((p) => connected.some((c) => c.provider === p.id)) : [];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Settings</h1>
        <p className="mt-1 text-sm break-all text-slate-600">Signed in as {user.email}</p>
      </div>
      <SectionCard title="Profile" description="The name shown on your dashboard and to support staff.">
        <ProfileForm name={user.name ?? ""} />
      </SectionCard>
      <SectionCard title="Email address" description="Where sign-in links and security notices go. A new address is used once you open the link we mail to it.">
        <p className="mb-4 text-sm break-all text-slate-700" data-testid="current-email">
          <span className="font-medium text-slate-900">{address?.email ?? user.email}</span>{" "}
          {address?.verifiedAt ? <span className="text-emerald-700">(verified)</span> : <span className="text-amber-800">(not verified yet)</span>}
        </p>
        {address?.pendingChange && (
          <p className="mb-4 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm break-words text-slate-700" data-testid="pending-email-change">
            Waiting for you to open the link sent to <strong className="break-all">{address.pendingChange.email}</strong> (until {formatUtc(address.pendingChange.expires)}). A new request replaces it.
          </p>
        )}
        {reauthProviders.length > 0 && (
          <div className="mb-4">
            <ProviderReauth providers={reauthProviders} from="/settings" />
          </div>
        )}
        <EmailForm />
      </SectionCard>
      <SectionCard title="Password" description="Changing it signs out every other browser and app; this one stays signed in.">
        <PasswordForm policy={env.PASSWORD_POLICY} email={user.email} name={user.name ?? ""} />
      </SectionCard>
      <SectionCard title="Security" description="Second factors: an authenticator app, passkeys and recovery codes.">
        <Link href="/settings/security" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:text-base">
          Manage second factors and passkeys
        </Link>
      </SectionCard>
      <SectionCard title="Active sessions" description="Browsers and apps signed in to your account. Revoke any you don't recognise.">
        <SessionList sessions={sessions} currentSessionId={session.id} />
        <div className="mt-5 border-t border-slate-100 pt-5">
          <SignOutOthers />
        </div>
      </SectionCard>
      <SectionCard title="Your data" description="A JSON file with everything Latchkey stores about you: profile, sessions, sign-in history and mail sent to you.">
        <a
          href={`/api/users/${encodeURIComponent(user.id)}/export`}
          download
          className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:text-base"
        >
          Download my data
        </a>
      </SectionCard>
      <SectionCard
        title="Delete account"
        description="Deletes your account, sessions and mail for good. The security log keeps its events without anything that points to you."
        className="border-red-200"
      >
        <DeleteAccountForm />
      </SectionCard>
    </div>
  );
}
