import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { RoleBadge, UserStatusBadge } from "@/components/admin/user-badges";
import { SectionCard } from "@/components/ui/card";
import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { requirePermission } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { listSessions } from "@/lib/auth/sessions";
import { emailStatus } from "@/lib/email/verification";
import { ApiError } from "@/lib/http/errors";
import { listConnectedAccounts, signInMethodsOf } from "@/lib/federation/accounts";
import { factorSummary } from "@/lib/mfa/factors";
import { diagnoseSignIn } from "@/lib/users/diagnose";
import { getProfile } from "@/lib/users/account";
import { findUsersByIds } from "@/lib/users/lookup";
import { userStatus } from "@/lib/users/status";
import { AdminControls } from "./admin-controls";
import { BlockersPanel } from "./blockers-panel";
import { ProfileDetails } from "./profile-details";
import { UserFactors } from "./user-factors";
import { UserSessions } from "./user-sessions";
import { UserSignInMethods } from "./user-sign-in-methods";
import { UserActionButton, UserActionsProvider } from "./user-actions";

export const metadata: Metadata = { title: "User" };

async function loadProfile(id: string) {
  if (id.length > 64) notFound();
  try {
    return await getProfile(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePermission("users:read");
  const { id } = await params;
  const user = await loadProfile(id);
  const [blockers, sessions, audit, factors, accounts, methods, address] = await Promise.all([
    diagnoseSignIn(id),
    listSessions(id),
    queryAudit(auditQuerySchema.parse({ user: id, page_size: 20 })),
    factorSummary(id),
    listConnectedAccounts(id),
    signInMethodsOf(id),
    emailStatus(id),
  ]);
  const users = await findUsersByIds(audit.events.flatMap((e) => [e.actor_id, e.target_user_id]));
  // Role, deactivation and deletion come together in the table (users:role, users:deactivate, users:delete).
  const isAdmin = can(session, "users:deactivate");
  const now = new Date();

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            ← Users
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">{user.name || user.email}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="break-all">{user.email}</span>
          <RoleBadge role={user.role} />
          <UserStatusBadge status={userStatus(user, now)} />
        </p>
      </div>
      <UserActionsProvider userId={user.id}>
        <BlockersPanel blockers={blockers} isAdmin={isAdmin} />
        <SectionCard title="Support actions" description="Each action is recorded in the audit log under your name.">
          <div className="flex flex-wrap gap-3">
            <UserActionButton intent="unlock" variant="secondary" pendingText="Unlocking…">
              Unlock
            </UserActionButton>
            <UserActionButton intent="send_reset" variant="secondary" pendingText="Sending…">
              Send password reset link
            </UserActionButton>
            {!user.emailVerified && can(session, "users:send-verification") && (
              <UserActionButton intent="send_verification" variant="secondary" pendingText="Sending…">
                Resend verification
              </UserActionButton>
            )}
          </div>
        </SectionCard>
        <SectionCard title="Profile">
          <ProfileDetails user={user} now={now} pendingEmailChange={address?.pendingChange ?? null} />
        </SectionCard>
        <SectionCard title="Ways to sign in" description="A password, and accounts at sign-in providers.">
          <UserSignInMethods hasPassword={methods.password} accounts={accounts} />
        </SectionCard>
        <SectionCard title="Second factors" description="How this account proves itself after the password.">
          <UserFactors factors={factors} />
        </SectionCard>
        <SectionCard title="Active sessions" description="Every browser and app signed in to this account.">
          <UserSessions sessions={sessions} now={now} />
        </SectionCard>
        {isAdmin && (
          <SectionCard title="Administrator actions" className="border-red-200">
            <AdminControls user={user} self={session.user.id === user.id} />
          </SectionCard>
        )}
        <SectionCard title="Recent activity" description="The latest 20 audit events about this user or by them.">
          {audit.events.length === 0 ? (
            <p className="text-sm text-slate-600">No events recorded.</p>
          ) : (
            <AuditTable events={audit.events} users={users} caption={`Recent audit events for ${user.email}`} />
          )}
          <p className="mt-4 text-sm">
            <Link href={`/admin/audit?user=${encodeURIComponent(user.id)}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
              See {audit.total === 1 ? "it" : `all ${audit.total.toLocaleString("en")} events`} in the audit log
            </Link>
          </p>
        </SectionCard>
      </UserActionsProvider>
    </div>
  );
}
