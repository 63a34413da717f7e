import type { ApiErrorBody as ApiError } from "@/lib/openapi/schemas";

// The CLI's client for a running instance: plain fetch and nothing that opens the database,
// because the server holds the embedded database and a second process cannot open it.

export const DEFAULT_URL = "http://localhost:3000";
const TIMEOUT_MS = 15_000;

/** An expected failure: the CLI prints its message as one line on stderr and exits 1. */
export class CliError extends Error {}

/** A running instance and, for staff commands, the bearer token to call it with. */
export interface Instance {
  url: string;
  token?: string;
}

/**
 * The API's error body (SPEC 5, lib/openapi/schemas.ts errorBodySchema), every field optional
 * here: the answer may come from something that is not Latchkey (a proxy, a wrong --url).
 */
export type ApiErrorBody = Partial<ApiError>;

export const NOT_SIGNED_IN = "not signed in: set LATCHKEY_TOKEN to a support or admin token";
export const NOT_STAFF = "this token's user is not support or admin";
export const NO_SUCH_USER = "no such user";
export const NEEDS_SECOND_FACTOR =
  "this token's session was not signed in with a second factor, which staff commands need: set one up in Settings → Security, then get a token from POST /api/auth/login and POST /api/auth/login/mfa";

/** What 403 and 404 mean for a particular command, when not "not staff" / "no such user". */
export interface Wording {
  forbidden?: string;
  notFound?: string;
}

/**
 * One line for a failed answer, with the request id to look up in the server's logs. 403
 * and 404 get our wording only with the API's own codes: a 404 page from a proxy or an
 * older version is not "no such user".
 */
export function describeFailure(status: number, body: ApiErrorBody | null, retryAfterHeader: string | null = null, wording: Wording = {}): string {
  let text: string;
  if (status === 401) text = NOT_SIGNED_IN;
  else if (status === 403 && body?.error === "forbidden") text = wording.forbidden ?? NOT_STAFF;
  else if (status === 403 && body?.error === "mfa_required") text = NEEDS_SECOND_FACTOR;
  else if (status === 404 && body?.error === "not_found") text = wording.notFound ?? NO_SUCH_USER;
  else if (status === 429) text = `rate limited: retry after ${body?.retry_after ?? retryAfterHeader ?? "a while"} s`;
  else if (body?.message) {
    const fields = body.fields ? Object.entries(body.fields).map(([field, problem]) => `${field}: ${problem}`) : [];
    text = `${body.message} (HTTP ${status}${body.error ? ` ${body.error}` : ""})${fields.length ? `: ${fields.join("; ")}` : ""}`;
  }
  else text = `unexpected answer: HTTP ${status} without an API error body (is --url a Latchkey instance?)`;
  return body?.request_id ? `${text} [request ${body.request_id}]` : text;
}

function networkReason(err: unknown): string {
  if (err instanceof DOMException && err.name === "TimeoutError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

/** fetch against the instance; a bad URL, a refused connection or a timeout becomes a CliError. */
export async function fetchInstance(baseUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  let url: URL;
  try {
    url = new URL(path, baseUrl);
  } catch {
    throw new CliError(`invalid --url: ${baseUrl}`);
  }
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new CliError(`unreachable: ${url.origin} (${networkReason(err)})`);
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Calls the JSON API as the staff member the token belongs to and returns the answer's JSON.
 * POSTs send an empty JSON object: bearer requests skip the same-origin check
 * (lib/security/csrf.ts), and routes that read a body refuse any type but JSON with a 415.
 */
export async function callApi<T>(instance: Instance, method: "GET" | "POST", path: string, wording: Wording = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "latchkey-cli" };
  if (instance.token) headers.authorization = `Bearer ${instance.token}`;
  const post = method === "POST";
  if (post) headers["content-type"] = "application/json";
  const res = await fetchInstance(instance.url, path, { method, headers, body: post ? "{}" : undefined });
  const body = await readJson(res);
  const asError = body !== null && typeof body === "object" ? (body as ApiErrorBody) : null;
  if (!res.ok) throw new CliError(describeFailure(res.status, asError, res.headers.get("retry-after"), wording));
  if (body === null) throw new CliError(`unexpected answer from ${path}: not JSON (is --url a Latchkey instance?)`);
  return body as T;
}
