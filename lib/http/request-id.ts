import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
/**
 * Set by proxy.ts on every page request it forwards, and by scripts/serve.mjs on every /api/*
 * request (each overwriting whatever the client sent), so handlers can tell our id from a
 * client's X-Request-Id. On /api/* it is read only when the server hook says serve.mjs set it
 * (request-context.ts apiContextFromHeaders).
 */
export const OWN_REQUEST_ID_HEADER = "x-latchkey-request-id";
const OWN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WELL_FORMED_CLIENT_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Our request id: always generated here, never the caller's (node:crypto's: Next wraps the global one with a render check). */
export function newRequestId(): string {
  return randomUUID();
}

/** The id proxy.ts gave this request, or a fresh one when the proxy did not run. */
export function ownRequestId(headers: Headers): string {
  const ours = headers.get(OWN_REQUEST_ID_HEADER);
  return ours && OWN_ID.test(ours) ? ours : newRequestId();
}

/**
 * The caller's own X-Request-Id when it is well-formed, else null. It is only ever logged
 * beside ours (`client_request_id`), never used as the reference: two clients could send
 * the same one, or a forged one.
 */
export function clientRequestId(incoming: string | null): string | null {
  return incoming && WELL_FORMED_CLIENT_ID.test(incoming) ? incoming : null;
}
