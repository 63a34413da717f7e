import { totpCodeAt, totpStep } from "../lib/mfa/totp";

// Codes for the journeys' authenticator apps. The app refuses a code whose time step was
// already used, so each call gives a step not used before: now, or the next (accepted as
// drift); when both are taken, it waits for the clock to move on.

const lastUsed = new Map<string, number>();

export async function nextTotpCode(secret: string): Promise<string> {
  for (;;) {
    const now = totpStep();
    const step = Math.max(now, (lastUsed.get(secret) ?? -1) + 1);
    if (step <= now + 1) {
      lastUsed.set(secret, step);
      return totpCodeAt(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Marks a step as used by something outside these helpers (the enrolment's own code). */
export function markTotpStepUsed(secret: string, step: number) {
  lastUsed.set(secret, Math.max(step, lastUsed.get(secret) ?? -1));
}
