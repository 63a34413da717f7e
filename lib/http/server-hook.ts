// Where lib/lifecycle.ts leaves the server hook for scripts/serve.mjs (the same symbol there).
// Its own module, without imports: lib/http reads it, and lifecycle imports lib/http.
export const SERVER_HOOK = Symbol.for("latchkey.server");

/**
 * True under scripts/serve.mjs: it sets the fixed /api/* headers and each request's
 * X-Request-Id itself, and hands the id over in x-latchkey-request-id (api-headers.ts,
 * request-context.ts). Off in `next dev` and in tests that call a handler.
 */
export const apiHeadersFromServer = (): boolean =>
  (globalThis as Record<symbol, { apiHeadersFromServer?: boolean } | undefined>)[SERVER_HOOK]?.apiHeadersFromServer === true;
