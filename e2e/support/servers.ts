import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";

// Extra app instances for journeys that need more than the one Playwright starts: several
// `npm start` servers (scripts/serve.mjs) on one throwaway PostgreSQL cluster.

export interface Cluster {
  url: string;
  stop: () => void;
}

export function startPostgres(): Cluster {
  // Directly under /tmp: the server runs as `postgres` when we are root and must reach it.
  const dir = path.join(os.tmpdir(), `latchkey-e2e-pg-${process.pid}-${Date.now()}`);
  const port = String(55500 + Math.floor(Math.random() * 400));
  const url = execFileSync("bash", ["scripts/pg-cluster.sh", "start", dir, port], { encoding: "utf8" }).trim();
  return { url, stop: () => execFileSync("bash", ["scripts/pg-cluster.sh", "stop", dir], { stdio: "ignore" }) };
}

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string>): Promise<AppServer> {
  const port = 3600 + Math.floor(Math.random() * 300);
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
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`server on ${port} did not become healthy`);
}

export async function login(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get("retry-after") };
}
