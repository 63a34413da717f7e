import type { Metadata } from "next";
import { SessionList } from "@/components/sessions/session-list";
import { SectionCard } from "@/components/ui/card";
import { listRecentSignIns } from "@/lib/audit/activity";
import { requireUser } from "@/lib/auth/guards";
import { listSessions } from "@/lib/auth/sessions";
import { emailStatus } from "@/lib/email/verification";
import { RecentActivity } from "./recent-activity";
import { VerifyBanner } from "./verify-banner";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireUser();
  const { user } = session;
  const [activity, sessions, address] = await Promise.all([listRecentSignIns(user.id), listSessions(user.id), emailStatus(user.id, { email: user.email, emailVerified: session.emailVerifiedAt })]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">
          Welcome, {user.name || user.email}
        </h1>
        <p className="mt-1 text-sm break-all text-slate-600">Signed in as {user.email}</p>
      </div>
      {address && !address.verifiedAt && <VerifyBanner email={address.email} />}
      <SectionCard title="Recent activity" description="The latest sign-ins and changes to your account. Don't recognise one? Change your password.">
        <RecentActivity events={activity} />
      </SectionCard>
      <SectionCard title="Active sessions" description="Browsers and apps signed in to your account. Revoke any you don't recognise.">
        <SessionList sessions={sessions} currentSessionId={session.id} />
      </SectionCard>
    </div>
  );
}
