import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

// PGlite has no lock of its own and two processes writing one folder lose data. The app
// (or the CLI) takes this pid file before opening the folder and refuses to start when a
// live process holds it; a stale file from a crashed process is taken over.

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquirePgliteLock(dir: string): () => void {
  const file = `${dir.replace(/\/+$/, "")}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(file, "utf8").trim());
      if (holder === process.pid) return () => {};
      if (holder && alive(holder)) {
        throw new Error(
          `The embedded database ${dir} is in use by process ${holder}. Stop it first, or talk to it over HTTP (the CLI's --url).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database ${dir}`);
}
