import { SectionCard } from "@/components/ui/card";
import type { Blocker } from "@/lib/users/diagnose";
import { UserActionButton } from "./user-actions";

const ACTIONS = {
  unlock: { label: "Unlock", pending: "Unlocking…" },
  send_reset: { label: "Send password reset link", pending: "Sending…" },
  send_verification: { label: "Resend verification", pending: "Sending…" },
  reactivate: { label: "Reactivate", pending: "Reactivating…" },
} as const;

/** "Why can't they sign in?": each reason in words, what fixes it, and the button that does. */
export function BlockersPanel({ blockers, isAdmin }: { blockers: Blocker[]; isAdmin: boolean }) {
  return (
    <SectionCard title="Why can't they sign in?">
      <ul className="space-y-3" data-testid="blockers">
        {blockers.map((b) => {
          // A factor reset needs its confirmation: it is under "Administrator actions", not a one-click button here.
          const action = b.action && b.action !== "reset_factors" ? ACTIONS[b.action] : null;
          // Reactivation is an administrator's call; support sees the remedy without the button.
          const allowed = action && (b.action !== "reactivate" || isAdmin);
          return (
            <li
              key={b.kind + b.summary}
              data-testid="blocker"
              data-kind={b.kind}
              className={`flex flex-col gap-3 rounded-lg border-l-4 p-3 sm:flex-row sm:items-center sm:justify-between ${
                b.kind === "none" ? "border-emerald-500 bg-emerald-50/50" : "border-amber-500 bg-amber-50/60"
              }`}
            >
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{b.summary}</p>
                <p className="mt-0.5 text-sm text-slate-700">{b.remedy}</p>
              </div>
              {allowed && (
                <div className="shrink-0">
                  <UserActionButton intent={b.action!} variant={b.kind === "none" ? "secondary" : "primary"} size="sm" pendingText={action.pending}>
                    {action.label}
                  </UserActionButton>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </SectionCard>
  );
}
