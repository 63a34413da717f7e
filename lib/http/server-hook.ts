// lib/lifecycle.ts SERVER_HOOK (not imported: lifecycle imports lib/http/api-headers.ts).
const SERVER_HOOK = Symbol.for("latchkey.server");

/**
 * True under scripts/serve.mjs: it sets the fixed /api/* headers and each request's
 * X-Request-Id itself, and hands the id over in x-latchkey-request-id (api-headers.ts,
 * request-context.ts). Off in `next dev` and in tests that call a handler.
 */
export const apiHeadersFromServer = (): boolean =>
  (globalThis as Record<symbol, { apiHeadersFromServer?: boolean } | undefined>)[SERVER_HOOK]?.apiHeadersFromServer === true;
