import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { log } from "@/lib/log";

/**
 * Every error code the JSON API answers with, and its HTTP status: the one list. Routes,
 * actions and the CLI read codes from here; the OpenAPI document and clients can rely on it.
 */
export const ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  invalid_or_expired_token: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_code: 401,
  invalid_mfa_token: 401,
  forbidden: 403,
  mfa_required: 403,
  reauthentication_required: 403,
  csrf_rejected: 403,
  account_locked: 403,
  email_unverified: 403,
  not_found: 404,
  email_taken: 409,
  last_sign_in_method: 409,
  last_admin: 409,
  cannot_change_self: 409,
  account_deactivated: 409,
  factor_exists: 409,
  mail_sending: 409,
  email_already_verified: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limit_exceeded: 429,
  internal_error: 500,
  busy: 503,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An expected failure with its HTTP mapping. Anything else thrown becomes a 500. The status
 * is the code's; the one exception SPEC 10 makes is `invalid_code` while enrolling (400: a
 * field of a signed-in form, not a failed sign-in), given as `status`.
 */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    status?: 400,
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[code];
  }
}

export const unauthorized = () => new ApiError("unauthorized", "Sign in to continue");
export const forbidden = () => new ApiError("forbidden", "You do not have access to this resource");
export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found`);
export const validationError = (fields: Record<string, string>) =>
  new ApiError("validation_error", "Some fields are invalid", { fields });
export const busy = () =>
  new ApiError("busy", "The server is busy; try again in a moment", { retry_after: 1 }, { "retry-after": "1" });

/** The field errors of a validation_error, or undefined for any other error. */
export function errorFields(err: ApiError): Record<string, string> | undefined {
  return err.code === "validation_error" ? (err.extra.fields as Record<string, string>) : undefined;
}

/** Seconds a client is told to wait when the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export const serviceUnavailable = () =>
  new ApiError(
    "service_unavailable",
    "The service is temporarily unavailable; try again shortly",
    { retry_after: UNAVAILABLE_RETRY_AFTER_S },
    { "retry-after": String(UNAVAILABLE_RETRY_AFTER_S) },
  );

/**
 * A JSON answer. Its request id, no-store and the security headers come from route() (and the
 * Auth.js catch-all), which add them to every answer (lib/http/api-headers.ts); `headers` are
 * the handler's own (a Cache-Control given here wins).
 */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  // One plain Response made from the serialized body (NextResponse.json makes a Response, then
  // a second one around its stream; a NextResponse also builds a cookie jar over the headers,
  // which only the answers that sign in or out use: cookieJsonResponse).
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A JSON answer that sets or clears cookies through `res.cookies` (signing in or out, refreshing the session). */
export function cookieJsonResponse(body: unknown, status: number): NextResponse {
  return new NextResponse(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/**
 * The one place that turns an error into an HTTP response. Never includes a stack trace.
 * A database that cannot be reached is the client's cue to retry (503), not a bug (500).
 */
export function errorResponse(err: unknown, requestId: string): Response {
  if (!(err instanceof ApiError) && isDatabaseUnavailable(err)) {
    log.warn({ request_id: requestId, err: err instanceof Error ? err.message : String(err) }, "database unavailable");
    err = serviceUnavailable();
  }
  if (err instanceof ApiError) {
    return jsonResponse({ error: err.code, message: err.message, ...err.extra, request_id: requestId }, err.status, err.headers);
  }
  log.error({ request_id: requestId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, "unhandled error");
  return jsonResponse({ error: "internal_error", message: "Something went wrong", request_id: requestId }, 500);
}
