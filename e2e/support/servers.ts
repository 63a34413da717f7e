import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";

// Extra app instances for journeys that need more than the one Playwright starts: several
// `npm start` servers (scripts/serve.mjs) on one throwaway PostgreSQL cluster.

// A port chosen by the OS (scripts/free-port.mjs, run as a script: Playwright's loader
// cannot import that ES module).
const freePort = () => Number(execFileSync(process.execPath, ["scripts/free-port.mjs"], { encoding: "utf8" }).trim());

export interface Cluster {
  url: string;
  stop: () => void;
}

export function startPostgres(): Cluster {
  // Directly under /tmp: the server runs as `postgres` when we are root and must reach it.
  const dir = path.join(os.tmpdir(), `latchkey-e2e-pg-${process.pid}-${Date.now()}`);
  const port = String(freePort());
  const url = execFileSync("bash", ["scripts/pg-cluster.sh", "start", dir, port], { encoding: "utf8" }).trim();
  return { url, stop: () => execFileSync("bash", ["scripts/pg-cluster.sh", "stop", dir], { stdio: "ignore" }) };
}

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string>): Promise<AppServer> {
  const port = freePort();
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: "e2e-multi-instance-secret-0123456789abcdef",
      BCRYPT_COST: "10",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  // Only this child's own "listening" line counts: a health answer alone could come from
  // another process that holds the port.
  const listening = new Promise<void>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes(`listening on http://127.0.0.1:${port}`)) return;
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server on ${port} exited with ${code}`)));
  });
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`server on ${port} did not start in 60 s`)), 60_000).unref());
  try {
    await Promise.race([listening, deadline]);
    const health = await fetch(`${url}/api/health`);
    if (!health.ok) throw new Error(`server on ${port} answered health with ${health.status}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

export async function login(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get("retry-after") };
}
