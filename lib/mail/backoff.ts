// Retry schedule of the mail queue (SPEC 12): the first try is immediate; after the n-th
// failed try the next one waits schedule[n-1] seconds; a failure after the last wait is final.

/** When the next try is due after `attempts` failed tries, or null when the mail is dead. */
export function nextAttemptAfterFailure(attempts: number, schedule: readonly number[], now: Date): Date | null {
  if (attempts < 1 || attempts > schedule.length) return null;
  return new Date(now.getTime() + schedule[attempts - 1] * 1000);
}
