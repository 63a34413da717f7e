import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

// PGlite has no lock of its own and two processes writing one folder lose data. The app
// (or the CLI) takes this lock file before opening the folder and refuses to start when a
// live process holds it; a stale file from a crashed process is taken over.
//
// Why a pid file and not an OS lock (flock): Node has no flock, and the packages that add it
// are native builds that this project's installs cannot run. A bare pid can be wrong, though:
// after a crash and a reboot or a container restart the pid in the file may belong to another
// live process. So the file also names the process's start time and the boot it started in
// (Linux /proc), and a holder whose start time or boot differs is not the holder: the lock is
// stale. When the holder cannot be told apart (no /proc), the start refuses with the reason
// and the process exits 1 (instrumentation.ts). Known limit: processes in different pid
// namespaces (two containers sharing the folder) cannot see each other; run one.

interface Holder {
  pid: number;
  start?: string;
  boot?: string;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), if known. */
function startTime(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count after the last ")".
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const bootId = () => readProc("/proc/sys/kernel/random/boot_id")?.trim();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseHolder(text: string): Holder {
  try {
    const parsed = JSON.parse(text) as Holder | number;
    return typeof parsed === "number" ? { pid: parsed } : parsed;
  } catch {
    return { pid: Number(text.trim()) };
  }
}

/** Whether the process named in the lock file is still the one that wrote it. */
function holderAlive(holder: Holder): boolean {
  if (!holder.pid || !alive(holder.pid)) return false;
  if (holder.boot && bootId() && holder.boot !== bootId()) return false;
  const now = startTime(holder.pid);
  return !(holder.start && now && holder.start !== now);
}

export function acquirePgliteLock(dir: string): () => void {
  const file = `${dir.replace(/\/+$/, "")}.lock`;
  const me: Holder = { pid: process.pid, start: startTime(process.pid), boot: bootId() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = parseHolder(readFileSync(file, "utf8"));
      if (holder.pid === me.pid && holder.start === me.start && holder.boot === me.boot) return () => {};
      if (holderAlive(holder)) {
        throw new Error(
          `The embedded database ${dir} is in use by process ${holder.pid} (lock file ${file}). Stop it first, or talk to it over HTTP (the CLI's --url).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database ${dir} (lock file ${file})`);
}
