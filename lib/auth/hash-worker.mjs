// Runs in a worker thread of the hashing pool (lib/auth/password-hashing.ts): bcrypt's
// rounds never run on the main event loop. Plain ESM so it loads without a bundler.
import bcrypt from "bcryptjs";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { workerData } from "node:worker_threads";

// With as many hashing threads as cores, a sign-in storm would take CPU from the event loop
// that serves everything else. On Linux each thread can have its own nice value: these
// threads yield to the main thread under contention and still use idle cores fully.
// HASH_WORKER_NICE=0 turns this off; elsewhere (no /proc/thread-self) it is skipped.
const nice = Number(workerData?.nice ?? 0);
if (nice > 0) {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid) setPriority(tid, nice);
  } catch {
    // not Linux, or not allowed: run at normal priority
  }
}

export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

export function compare({ password, hash: digest }) {
  return bcrypt.compareSync(password, digest);
}
