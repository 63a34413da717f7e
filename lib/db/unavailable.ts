// Is this error "the database cannot be reached right now" (answer 503 and let the client
// retry), as opposed to a bug or a bad query (500)? The one place that knows how node-postgres,
// Prisma's driver adapters and PGlite say so. Errors are walked through `cause`, Prisma's
// `meta.driverAdapterError` and AggregateError's `errors` (a connect to several addresses).

// Socket-level failures from node's net module and node-postgres.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
// Prisma: can't reach (P1001), timed out (P1002, P1008), connection closed (P1017), pool timeout (P2024).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// Driver adapter error kinds (Prisma 7) for the same conditions.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE: class 08 connection exception; 57P01-57P03 shutdown / cannot connect now;
// 57014 statement timeout (a server too slow to answer); 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|57014|53300)$/;
// node-postgres errors without a code.
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Query read timeout|Connection ended/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, message, cause, meta, errors } = e as Record<string, unknown>;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    queue.push(cause, (meta as Record<string, unknown> | undefined)?.driverAdapterError);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}
