import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable, Td, Th } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { listUndeliveredMail } from "@/lib/mail/admin";
import { mailQueueStats } from "@/lib/mail/stats";
import { MailActionsProvider, MailRowActions } from "./mail-actions";

export const metadata: Metadata = { title: "Mail" };

const SHOWN = 100;
const words = (s: string) => s.replace(/_/g, " ");
const duration = (s: number) => (s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 60 ? `${+(s / 60).toFixed(1)} min` : `${s} s`);

/** Undelivered mail: envelope and delivery state only, never the body or its link. */
export default async function AdminMailPage() {
  await requirePermission("mail:manage");
  const [{ mail, total }, stats] = await Promise.all([listUndeliveredMail(SHOWN), mailQueueStats()]);
  const now = new Date();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Mail</h1>
        <p className="mt-1 text-sm text-slate-600">
          Mail not delivered yet: queued mail is retried with backoff (after {env.MAIL_RETRY_SCHEDULE_S.map(duration).join(", ")}); dead mail
          gave up after its last try. Retry sends it now with a fresh schedule; Drop cancels it.
        </p>
        <p className="mt-2 text-sm text-slate-700" data-testid="mail-stats">
          {stats.depth} queued, {stats.dead} dead
          {stats.oldest_undelivered_age_s !== null && `; the oldest queued mail waits for ${Math.round(stats.oldest_undelivered_age_s / 60)} min`}.
        </p>
      </div>
      <MailActionsProvider>
        {mail.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="no-results">
            Every mail has been delivered.
          </p>
        ) : (
          <DataTable caption="Undelivered mail">
            <thead>
              <tr>
                <Th>Recipient</Th>
                <Th>Kind</Th>
                <Th>Status</Th>
                <Th>Tries</Th>
                <Th>Last error</Th>
                <Th>Next try</Th>
                <Th>Queued</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {mail.map((m) => (
                <tr key={m.id} data-testid="mail-row" data-status={m.status}>
                  <Th scope="row" className="font-normal break-all">
                    {m.to}
                  </Th>
                  <Td>{words(m.kind)}</Td>
                  <Td>
                    <Badge tone={m.status === "dead" ? "danger" : "warning"}>{m.status}</Badge>
                  </Td>
                  <Td>{m.attempts}</Td>
                  <Td className="max-w-xs break-words">{m.error ?? "none yet"}</Td>
                  <Td className="whitespace-nowrap">
                    {m.leaseUntil && m.leaseUntil > now ? "sending now" : m.status === "queued" && m.nextAttemptAt ? <RelativeTime date={m.nextAttemptAt} now={now} /> : "none"}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <RelativeTime date={m.createdAt} now={now} />
                  </Td>
                  <Td>
                    <MailRowActions mailId={m.id} recipient={m.to} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {total > mail.length && (
          <p className="text-sm text-slate-600">
            Showing the oldest {mail.length} of {total}.
          </p>
        )}
      </MailActionsProvider>
    </div>
  );
}
