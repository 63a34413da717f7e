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
  /** Stops the server, keeping its data (a database outage). */
  down: () => void;
  /** Starts it again on the same port. */
  up: () => void;
  stop: () => void;
}

export function startPostgres(): Cluster {
  // Directly under /tmp: the server runs as `postgres` when we are root and must reach it.
  const dir = path.join(os.tmpdir(), `latchkey-e2e-pg-${process.pid}-${Date.now()}`);
  const port = String(freePort());
  const cluster = (...args: string[]) => execFileSync("bash", ["scripts/pg-cluster.sh", ...args], { encoding: "utf8" }).trim();
  const url = cluster("start", dir, port);
  return { url, down: () => void cluster("down", dir), up: () => void cluster("up", dir), stop: () => void cluster("stop", dir) };
}

export interface AppServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves on this child's own "listening" line; rejects if it exits first. */
  listening: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>;
}

/** Starts `npm start` (scripts/serve.mjs) and returns at once; see startServer to wait for it. */
export function spawnServer(env: Record<string, string>, port = freePort()): AppServer {
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
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // Only this child's own "listening" line counts: a health answer alone could come from
  // another process that holds the port.
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`listening on http://127.0.0.1:${port}`)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      process.stderr.write(chunk);
    });
    void exited.then(({ code, signal }) => reject(new Error(`server on ${port} exited with ${code ?? signal}`)));
  });
  listening.catch(() => {});
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  return { url, port, child, output: () => out, listening, exited, stop };
}

/** Starts a server and waits until it listens and its health check answers 200. */
export async function startServer(env: Record<string, string>, port?: number): Promise<AppServer> {
  const server = spawnServer(env, port);
  const deadline = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`server on ${server.port} did not start in 60 s`)), 60_000).unref(),
  );
  try {
    await Promise.race([server.listening, deadline]);
    const health = await fetch(`${server.url}/api/health`);
    if (!health.ok) throw new Error(`server on ${server.port} answered health with ${health.status}`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

export async function login(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get("retry-after") };
}
