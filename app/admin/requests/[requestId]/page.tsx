import type { Metadata } from "next";
import Link from "next/link";
import { OutcomeBadge } from "@/components/admin/audit-table";
import { UserRef } from "@/components/admin/user-ref";
import { SectionCard } from "@/components/ui/card";
import { describeAuditEvent, summarizeMetadata } from "@/lib/audit/describe";
import { auditQuerySchema, queryAudit } from "@/lib/audit/query";
import { requirePermission } from "@/lib/auth/guards";
import { formatUtc } from "@/lib/format/time";
import { describeUserAgent } from "@/lib/format/user-agent";
import { findUsersByIds } from "@/lib/users/lookup";

export const metadata: Metadata = { title: "Request" };

const MAX_ID = 128;

function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The trace of one request, by the reference (request id) a user was shown. */
export default async function RequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  await requirePermission("requests:read");
  const requestId = decodeId((await params).requestId).trim();
  const result = requestId.length <= MAX_ID ? await queryAudit(auditQuerySchema.parse({ request_id: requestId, page_size: 200 })) : null;
  const events = [...(result?.events ?? [])].reverse();
  const involved = [...new Set(events.flatMap((e) => [e.actor_id, e.target_user_id]).filter((id): id is string => !!id))];
  const users = await findUsersByIds(involved);
  const first = events[0];

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/audit" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            ← Audit log
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-all text-slate-900 sm:text-3xl">
          Request <span className="font-mono text-xl sm:text-2xl">{requestId}</span>
        </h1>
        {first && (
          <p className="mt-1 text-sm text-slate-600">
            {events.length === 1 ? "1 event" : `${events.length} events`} at {formatUtc(new Date(first.created_at))} from{" "}
            <span className="font-mono">{first.ip ?? "an unknown IP"}</span> ({describeUserAgent(first.user_agent)}).
          </p>
        )}
      </div>
      {events.length === 0 ? (
        <SectionCard title="Nothing recorded">
          <p className="text-sm text-slate-900" data-testid="no-events">
            No events were recorded for that reference.
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Check that it was copied whole. Requests that change nothing about an account (viewing a page, a form with invalid
            fields) leave no audit event; the application logs may still mention the reference.
          </p>
        </SectionCard>
      ) : (
        <>
          <SectionCard title="What happened" description="In the order it happened. Times are UTC.">
            <ol className="space-y-4" data-testid="request-events">
              {events.map((e) => {
                const details = summarizeMetadata(e.metadata);
                return (
                  <li key={e.id} data-testid="request-event" data-type={e.type} className="border-l-2 border-slate-200 pl-4">
                    <p className="flex flex-wrap items-center gap-2">
                      <time dateTime={e.created_at} className="text-sm text-slate-500">
                        {formatUtc(new Date(e.created_at))}
                      </time>
                      <OutcomeBadge outcome={e.outcome} />
                    </p>
                    <p className="mt-1 font-medium text-slate-900">{describeAuditEvent(e)}</p>
                    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-sm text-slate-600">
                      <dt>By</dt>
                      <dd>
                        <UserRef id={e.actor_id} users={users} />
                      </dd>
                      <dt>About</dt>
                      <dd>
                        <UserRef id={e.target_user_id} users={users} />
                      </dd>
                      {details && (
                        <>
                          <dt>Details</dt>
                          <dd className="break-all">{details}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                );
              })}
            </ol>
          </SectionCard>
          <SectionCard title="Users involved">
            {involved.length === 0 ? (
              <p className="text-sm text-slate-600">No account is named in these events (for example a sign-in attempt for an unknown email).</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="involved-users">
                {involved.map((id) => (
                  <li key={id}>
                    <UserRef id={id} users={users} />
                  </li>
                ))}
              </ul>
            )}
          </SectionCard>
        </>
      )}
    </div>
  );
}
