// Production server: Next's request handler behind a plain Node HTTP server, so the client
// address comes from the socket. `next start` keeps a client-sent X-Forwarded-For as is,
// which would let anyone pick their own IP for rate limiting. Here the header is rebuilt:
// the socket address is appended, and earlier hops are kept only when TRUST_PROXY > 0
// (lib/http/request-context.ts then reads that many hops from the right).
//
// Start-up runs in Next's instrumentation (instrumentation.ts, lib/lifecycle.ts): it validates
// the configuration and waits for the database, or ends the process with one fatal line. It
// leaves a hook on globalThis with the validated server settings and the shutdown steps.
//
// SIGTERM / SIGINT: stop accepting, answer requests in flight with `Connection: close` so
// keep-alive clients (a load balancer) move on, wait up to SHUTDOWN_GRACE_S for every
// connection to end, then cut the ones still open, stop background work, close the database
// and exit 0.
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { Duplex } from "node:stream";
import compression from "compression";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = Number(process.env.TRUST_PROXY || 0);
// The last shutdown steps (background work, database) get this long after the sockets close.
const SHUTDOWN_STEPS_MAX_MS = 5000;

function logLine(level, message, context) {
  const line = JSON.stringify({ timestamp: new Date().toISOString(), level, service: "latchkey", message, ...(context && { context }) });
  (level === "info" ? console.log : console.error)(line);
}

const hook = () => globalThis[Symbol.for("latchkey.server")];

let server;
let stopping = false;
// Responses not yet sent: told `Connection: close` when shutdown begins.
const pending = new Set();
const sockets = new Set();
// Responses in progress per connection: a connection with none is idle.
const busy = new WeakMap();
let idleCloseMs = 5000;

/** While draining: end a connection once it has been idle for idleCloseMs (a request on it clears the timer). */
function closeWhenIdle(socket) {
  if (!socket.destroyed && !busy.get(socket)) socket.setTimeout(idleCloseMs, () => busy.get(socket) || socket.destroy());
}

/** Stops background work and closes the database; resolves with what was closed. */
async function runShutdownSteps() {
  const steps = hook()?.shutdown?.() ?? Promise.resolve([]);
  const capped = new Promise((resolve) => setTimeout(() => resolve(null), SHUTDOWN_STEPS_MAX_MS).unref());
  const done = await Promise.race([steps, capped]);
  if (!done) logLine("warn", `shutdown steps still running after ${SHUTDOWN_STEPS_MAX_MS} ms; exiting anyway`);
  return done ?? [];
}

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  if (!server) {
    // Still starting (waiting for the database): nothing is served yet.
    logLine("info", `${signal} during start-up; exiting`);
    await runShutdownSteps();
    process.exit(0);
  }
  const graceS = hook()?.config.shutdownGraceS ?? 10;
  logLine("info", `${signal}: draining (grace ${graceS} s)`);
  // Stop listening, but do not cut idle keep-alive connections at once as http.Server#close()
  // does: a client (nginx) may be sending a request on one at that instant, and a POST lost
  // that way is not retried. A request that comes on one is answered with `Connection: close`;
  // a connection that stays idle is closed by its client (nginx: the upstream's
  // keepalive_timeout, below idleCloseMs) or by us after idleCloseMs, and whatever is left
  // when the grace period ends is cut.
  idleCloseMs = Math.min(5000, graceS * 500);
  const closed = new Promise((resolve) => net.Server.prototype.close.call(server, resolve));
  for (const res of pending) if (!res.headersSent) res.setHeader("connection", "close");
  for (const socket of sockets) closeWhenIdle(socket);
  const grace = setTimeout(() => {
    logLine("warn", `grace period over: closing ${sockets.size} connections still open`);
    server.closeAllConnections();
  }, graceS * 1000);
  await closed;
  clearTimeout(grace);
  const closedSteps = await runShutdownSteps();
  logLine("info", `stopped after ${((Date.now() - started) / 1000).toFixed(1)} s; closed: ${closedSteps.join(", ") || "nothing"}`);
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));

// Compression is done here, for pages and assets only (next.config.ts turns Next's own off,
// which ran on every request): JSON answers under /api/ are small, and compressing answers that
// carry bearer tokens beside text the request chose is what the BREACH attack measures. It is
// the package Next bundles for its own, so pages are compressed as before.
const compress = compression();
// A client that disconnects mid-response leaves the middleware's zlib stream open, past GC
// (Next does the same for its own: next/dist/server/lib/release-compression-stream.js). The
// middleware's res.on("drain") hands back that stream.
const noop = () => {};
function releaseCompressionStream(res) {
  const stream = res.on("drain", noop);
  if (stream === res || !(stream instanceof Duplex)) return void res.off("drain", noop);
  stream.destroy();
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Next runs instrumentation's register() after prepare(): wait for its hook, then for the
// database, before listening, so a load balancer never sends traffic to an instance that
// cannot serve it yet.
const HOOK_WAIT_MS = 60_000;
for (const started = Date.now(); !hook(); ) {
  if (Date.now() - started > HOOK_WAIT_MS) {
    logLine("fatal", `start-up failed: instrumentation did not run within ${HOOK_WAIT_MS / 1000} s`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 20));
}
await hook().ready;
if (stopping) await new Promise(() => {}); // SIGTERM during start-up: shutdown() exits

// The fixed JSON headers (no-store, security headers) and each request's id for every /api/*
// answer: set here, so route() and the Auth.js catch-all add only what differs once told so
// (lib/http/api-headers.ts), and Next's own answers there (405, trailing-slash redirects) get
// them too. The id goes to the handler in x-latchkey-request-id, written over whatever the
// client sent there; it is the one X-Request-Id answers, logs and the request log carry.
const { config, apiFallbackHeaders = [] } = hook();
const idsFromServer = apiFallbackHeaders.length > 0;
if (idsFromServer) hook().apiHeadersFromServer = true;

/**
 * The request target in origin form ("/path?query"), as Next expects it, or null. A proxy may
 * send the absolute form (RFC 9112 3.2.2), which Next answers with a redirect to itself; "*"
 * and other targets that are no path it answers with a plain-text 500.
 */
function originForm(req) {
  const target = req.url;
  if (target.startsWith("/")) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    req.headers.host = url.host;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
server = http.createServer(
  {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // How often those two timeouts are checked (Node's default, 30 s, would let them overrun).
    connectionsCheckingInterval: Math.min(1000, config.headersTimeoutMs),
  },
  (req, res) => {
    const target = originForm(req);
    if (target === null) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
      return void res.end("400 Bad Request: the request target is not a path\n");
    }
    req.url = target;
    const peer = req.socket.remoteAddress ?? "unknown";
    const upstream = trustProxy > 0 ? req.headers["x-forwarded-for"] : undefined;
    req.headers["x-forwarded-for"] = upstream ? `${upstream}, ${peer}` : peer;
    const socket = req.socket;
    if (stopping) {
      res.setHeader("connection", "close");
      socket.setTimeout(0);
    }
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    pending.add(res);
    res.once("close", () => {
      pending.delete(res);
      busy.set(socket, busy.get(socket) - 1);
      if (stopping) closeWhenIdle(socket);
    });
    if (req.url.startsWith("/api/")) {
      for (const [name, value] of apiFallbackHeaders) res.setHeader(name, value);
      if (idsFromServer) {
        const id = randomUUID();
        req.headers["x-latchkey-request-id"] = id;
        res.setHeader("x-request-id", id);
      }
      return handle(req, res);
    }
    compress(req, res, () => handle(req, res));
    res.once("close", () => res.writableFinished || releaseCompressionStream(res));
  },
);
server.keepAliveTimeout = 65_000;
server.on("connection", (socket) => {
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});
// A port that is taken ends the process (exit 1) instead of leaving a server that listens nowhere.
server.once("error", (error) => {
  logLine("fatal", `cannot listen on ${hostname}:${port}: ${error.code ?? error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  logLine("info", `listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
