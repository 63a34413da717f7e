import type { Metadata } from "next";
import Link from "next/link";
import { SessionList } from "@/components/sessions/session-list";
import { SignOutOthers } from "@/components/sessions/sign-out-others";
import { SectionCard } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { listSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { DeleteAccountForm } from "./delete-account-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requireUser("/settings");
  const { user } = session;
  const sessions = await listSessions(user.id);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Settings</h1>
        <p className="mt-1 text-sm break-all text-slate-600">Signed in as {user.email}</p>
      </div>
      <SectionCard title="Profile" description="The name shown on your dashboard and to support staff.">
        <ProfileForm name={user.name ?? ""} />
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
