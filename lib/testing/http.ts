import { NextRequest } from "next/server";

type Params = Record<string, string>;
type RouteHandler<P extends Params> = (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
  cookie?: string;
  params?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The body parsed, when the response is JSON (else empty). */
  json: Record<string, unknown>;
  text: string;
  cookies: string[];
}

/** Calls a route handler in-process with a real Request, the way Next does. */
export async function callRoute<P extends Params>(handler: RouteHandler<P>, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { "x-forwarded-for": randomIp(), "user-agent": "vitest", ...opts.headers };
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const req = new NextRequest(new URL(path, "http://localhost:3000"), {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {},
    text,
    cookies: res.headers.getSetCookie(),
  };
}

/** Each call comes from its own TEST-NET address unless a test pins one, so per-IP limits stay out of unrelated tests. */
/**
 * A client address for one test's requests: 10.x.y.z, 16.7 million of them, so two tests
 * sharing a per-IP window by chance is negligible (and never one of the fixed 198.51.100.x
 * addresses some tests use).
 */
export function randomIp(): string {
  const n = crypto.getRandomValues(new Uint8Array(3));
  return `10.${n[0]}.${n[1]}.${n[2]}`;
}

export function randomEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

export const STRONG_PASSWORD = "Correct-Horse-7-Battery";
