import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquirePgliteLock } from "./pglite-lock";

const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
afterAll(() => void other.kill());

const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
};
const bootId = () => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
const folder = () => path.join(mkdtempSync(path.join(os.tmpdir(), "latchkey-lock-")), "pglite");

describe.runIf(existsSync("/proc/self/stat"))("the embedded database lock", () => {
  it("refuses a folder held by another live process, naming it", () => {
    const dir = folder();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: other.pid, start: startOf(other.pid!), boot: bootId() }));
    expect(() => acquirePgliteLock(dir)).toThrow(new RegExp(`in use by process ${other.pid}`));
  });

  it("takes over a lock whose pid now belongs to a different process (pid reused)", () => {
    const dir = folder();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: other.pid, start: "1", boot: bootId() }));
    const release = acquirePgliteLock(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8"))).toMatchObject({ pid: process.pid, start: startOf(process.pid) });
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("takes over a lock written before the last boot, and one naming our own pid from an earlier process", () => {
    const dir = folder();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: other.pid, start: startOf(other.pid!), boot: "an-earlier-boot" }));
    acquirePgliteLock(dir)();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.pid, start: "1", boot: bootId() }));
    acquirePgliteLock(dir)();
  });
});
