import { NextResponse } from "next/server";
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER } from "./request-context";

/** An expected failure with its HTTP mapping. Anything else thrown becomes a 500. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const unauthorized = () => new ApiError(401, "unauthorized", "Sign in to continue");
export const forbidden = () => new ApiError(403, "forbidden", "You do not have access to this resource");
export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);
export const validationError = (fields: Record<string, string>) =>
  new ApiError(400, "validation_error", "Some fields are invalid", { fields });

export function jsonResponse(body: unknown, status: number, requestId: string, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store", ...headers } });
}

/** The one place that turns an error into an HTTP response. Never includes a stack trace. */
export function errorResponse(err: unknown, requestId: string): NextResponse {
  if (err instanceof ApiError) {
    return jsonResponse({ error: err.code, message: err.message, ...err.extra, request_id: requestId }, err.status, requestId, err.headers);
  }
  log.error({ request_id: requestId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, "unhandled error");
  return jsonResponse({ error: "internal_error", message: "Something went wrong", request_id: requestId }, 500, requestId);
}
