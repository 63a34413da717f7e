import type { Instrumentation } from "next";

// Runs once when a server process starts, before it serves requests: validate the
// configuration, open the database (waiting while it is unreachable), apply pending
// migrations, start this instance's mail worker (lib/lifecycle.ts) and warm the
// password-hashing pool.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; it must not open the embedded database, which a
  // running server may hold (one process per PGlite folder).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { startInstance } = await import("@/lib/lifecycle");
    const { warmHashing } = await import("@/lib/auth/password-hashing");
    await startInstance();
    void warmHashing();
  } catch (err) {
    // When register() throws, Next keeps the process up answering 500 to everything ("Failed
    // to prepare server"). A failed start (configuration, lock, migration) must end the
    // process instead, with one line saying why, so that a supervisor restarts it. Not the
    // app's logger: a bad configuration is one reason it may not load.
    const reason = err instanceof Error ? err.message : String(err);
    console.error(JSON.stringify({ timestamp: new Date().toISOString(), level: "fatal", service: "latchkey", message: `start-up failed: ${reason.replace(/\s*\n\s*/g, "; ")}` }));
    process.exit(1);
  }
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
