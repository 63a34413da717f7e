import "server-only";
import { settleBackgroundWork } from "@/lib/background";
import { closeDatabase, ensureDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { API_FALLBACK_HEADERS } from "@/lib/http/api-headers";
import { SERVER_HOOK } from "@/lib/http/server-hook";
import { log } from "@/lib/log";
import { closeMailQueue, startMailQueue } from "@/lib/mail/worker";
import { closeLimiterStore, pingRedis } from "@/lib/security/limiter-store";

// Start-up and shutdown of one server process. scripts/serve.mjs is plain ESM outside Next's
// bundles, so instrumentation.ts hands it this hook on globalThis: the validated server
// settings and the function that stops background work and closes the database. Work that
// runs in the background (a queue worker, a timer) registers its own stop with onShutdown.

export interface ServerHook {
  config: { shutdownGraceS: number; headersTimeoutMs: number; requestTimeoutMs: number };
  /** Set by serve.mjs on every /api/* response before Next handles it (lib/http/api-headers.ts). */
  apiFallbackHeaders: [name: string, value: string][];
  /** Set to true by serve.mjs once it does so, and gives each /api/* request its id: route() then sets only HSTS over https outside production (lib/http/server-hook.ts). */
  apiHeadersFromServer?: boolean;
  /** Resolves when the instance can serve (database open and migrated). */
  ready: Promise<void>;
  /** Runs the shutdown steps; resolves with the labels of those that finished. */
  shutdown: () => Promise<string[]>;
}

type Step = { label: string; run: () => Promise<unknown> };
const holder = globalThis as unknown as { latchkeyShutdownSteps?: Step[] };

/** Registers a step for shutdown. Steps run last-registered first: the database, opened first, closes last. */
export function onShutdown(label: string, run: () => Promise<unknown>): void {
  (holder.latchkeyShutdownSteps ??= []).push({ label, run });
}

/** Runs every shutdown step once, in reverse order; a failing step is logged and the rest still run. */
export async function runShutdown(): Promise<string[]> {
  const steps = holder.latchkeyShutdownSteps ?? [];
  holder.latchkeyShutdownSteps = [];
  const done: string[] = [];
  for (const step of steps.reverse()) {
    try {
      await step.run();
      done.push(step.label);
    } catch (err) {
      log.error({ step: step.label, err: err instanceof Error ? err.message : String(err) }, "shutdown step failed");
    }
  }
  return done;
}

/**
 * Installs the server hook, then opens the database (waiting while it is unreachable).
 * Next runs instrumentation's register() after app.prepare() has returned, so the hook is
 * how scripts/serve.mjs learns its settings and when to start listening.
 */
export function startInstance(): Promise<void> {
  onShutdown("database", closeDatabase);
  onShutdown("rate-limit store", closeLimiterStore);
  onShutdown("background work", settleBackgroundWork);
  const ready = (async () => {
    await ensureDatabase();
    startMailQueue();
    onShutdown("mail queue", closeMailQueue);
    // Connect to Redis before serving, so the first requests count there rather than in the
    // fallback; an unreachable Redis is logged and does not stop the start.
    await pingRedis();
  })();
  const hook: ServerHook = {
    config: {
      shutdownGraceS: env.SHUTDOWN_GRACE_S,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    },
    apiFallbackHeaders: API_FALLBACK_HEADERS,
    ready: ready.catch(() => new Promise<never>(() => {})), // a failed start ends the process (instrumentation.ts)
    shutdown: runShutdown,
  };
  (globalThis as Record<symbol, unknown>)[SERVER_HOOK] = hook;
  return ready;
}
