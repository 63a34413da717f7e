// Production server: Next's request handler behind a plain Node HTTP server, so the client
// address comes from the socket. `next start` keeps a client-sent X-Forwarded-For as is,
// which would let anyone pick their own IP for rate limiting. Here the header is rebuilt:
// the socket address is appended, and earlier hops are kept only when TRUST_PROXY > 0
// (lib/http/request-context.ts then reads that many hops from the right).
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = Number(process.env.TRUST_PROXY || 0);

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "unknown";
  const upstream = trustProxy > 0 ? req.headers["x-forwarded-for"] : undefined;
  req.headers["x-forwarded-for"] = upstream ? `${upstream}, ${peer}` : peer;
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
// A port that is taken ends the process (exit 1) instead of leaving a server that listens nowhere.
server.once("error", (error) => {
  console.error(JSON.stringify({ timestamp: new Date().toISOString(), level: "fatal", service: "latchkey", message: `cannot listen on ${hostname}:${port}: ${error.code ?? error.message}` }));
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(JSON.stringify({ timestamp: new Date().toISOString(), level: "info", service: "latchkey", message: `listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}` }));
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
