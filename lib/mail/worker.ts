import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { runMailQueueOnce } from "./queue";

// A mail worker polls the queue every MAIL_POLL_INTERVAL_MS and delivers what is due, one
// mail at a time. Every app instance runs one (started from instrumentation.ts); the
// database decides who sends what, so any number of instances may share one database.

export interface MailWorker {
  /** Stops polling and resolves once the mail being sent right now, if any, is recorded. */
  stop(): Promise<void>;
}

export function startMailWorker(opts: { pollMs?: number; now?: () => Date } = {}): MailWorker {
  const pollMs = opts.pollMs ?? env.MAIL_POLL_INTERVAL_MS;
  const batch = 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => (current = tick()), ms);
    // A worker alone must not keep a CLI or test process alive.
    timer.unref();
  };
  const tick = async () => {
    let handled = 0;
    try {
      handled = await runMailQueueOnce({ now: opts.now, max: batch, shouldStop: () => stopped });
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, "mail worker pass failed");
    }
    // A full batch means more may be due: go on at once instead of waiting a poll interval.
    schedule(handled >= batch ? 0 : pollMs);
  };

  current = tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

const holder = globalThis as unknown as { latchkeyMailWorker?: MailWorker };

/** Starts this process's mail worker once (server start); nothing to deliver without SMTP_URL. */
export function startMailQueue(): void {
  if (!env.SMTP_URL || holder.latchkeyMailWorker) return;
  holder.latchkeyMailWorker = startMailWorker();
  log.info({ poll_ms: env.MAIL_POLL_INTERVAL_MS, retry_schedule_s: env.MAIL_RETRY_SCHEDULE_S }, "mail worker started");
}

/** For shutdown: stops the worker after the send in flight; queued mail waits in the database for the next start. */
export async function closeMailQueue(): Promise<void> {
  const worker = holder.latchkeyMailWorker;
  holder.latchkeyMailWorker = undefined;
  await worker?.stop();
}
