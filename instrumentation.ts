import type { Instrumentation } from "next";

// Runs once when a server process starts, before it serves requests: open the database,
// apply pending migrations, warm the password-hashing pool and start this instance's mail
// worker (lib/mail/worker.ts; closeMailQueue() stops it at shutdown).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; it must not open the embedded database, which a
  // running server may hold (one process per PGlite folder).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { ensureDatabase } = await import("@/lib/db/client");
  const { warmHashing } = await import("@/lib/auth/password-hashing");
  const { startMailQueue } = await import("@/lib/mail/worker");
  await ensureDatabase();
  void warmHashing();
  startMailQueue();
}

// Unhandled errors in pages and server actions. Production error pages show only the
// error's digest; logging it with the request id lets support go from one to the other.
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("@/lib/log");
  const error = err instanceof Error ? err : new Error(String(err));
  const header = request.headers["x-latchkey-request-id"];
  log.error(
    {
      request_id: Array.isArray(header) ? header[0] : (header ?? null),
      digest: "digest" in error ? String(error.digest) : null,
      context: { method: request.method, path: request.path, route: context.routePath, route_type: context.routeType },
      err: { name: error.name, message: error.message, stack: error.stack },
    },
    "unhandled error",
  );
};
