import "server-only";
import { after } from "next/server";
import { log } from "@/lib/log";

// Work that must not delay the response (sending mail, so that "forgot password" answers
// in the same time for known and unknown emails). Inside a request Next keeps the process
// busy until it finishes (`after`); outside one (CLI, tests) it simply runs.
const pending = new Set<Promise<void>>();

export function runInBackground(label: string, work: () => Promise<unknown>): void {
  const p: Promise<void> = work()
    .then(() => undefined)
    .catch((err: unknown) => log.error({ task: label, err: err instanceof Error ? err.message : String(err) }, "background task failed"))
    .finally(() => pending.delete(p));
  pending.add(p);
  try {
    after(() => p);
  } catch {
    // no request scope: nothing to extend
  }
}

/** Resolves when all background work started so far has finished (tests, shutdown). */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
