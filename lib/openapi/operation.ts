import { env } from "@/lib/env";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import type { Access, RouteSpec } from "@/lib/http/route";
import { jsonSchemaOf, type JsonSchema, type SchemaSink } from "./json-schema";

// One route's spec → one OpenAPI operation. Everything here is derived from the spec the
// route() wrapper enforces: who may call it, what it parses, what it answers, and the errors
// the wrapper itself produces.

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The error codes an operation can answer with: the wrapper's (from the spec) and the route's own. */
export function errorCodesOf(method: string, spec: RouteSpec): ErrorCode[] {
  // Every route can meet the database down (503 service_unavailable, lib/db/unavailable.ts).
  const codes = new Set<ErrorCode>(["rate_limit_exceeded", "internal_error", "service_unavailable"]);
  if (WRITES.has(method)) codes.add("csrf_rejected");
  if (spec.access !== "public") {
    codes.add("unauthorized");
    const { permission, orSelf } = accessParts(spec.access);
    if (orSelf || !ROLES.every((r) => (PERMISSIONS[permission].roles as readonly string[]).includes(r))) codes.add("forbidden");
  }
  if (spec.recentAuth) codes.add("reauthentication_required");
  if (spec.access !== "public" && PERMISSIONS[accessParts(spec.access).permission].staff && env.MFA_REQUIRED_ROLES.length > 0) codes.add("mfa_required");
  if (spec.body || spec.optionalBody) for (const c of ["validation_error", "invalid_json", "payload_too_large", "unsupported_media_type"] as const) codes.add(c);
  if (spec.query) codes.add("validation_error");
  for (const c of spec.errors ?? []) codes.add(c);
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
}

function accessParts(access: Exclude<Access, "public">) {
  return typeof access === "string" ? { permission: access } : access;
}

/** Who may call it, in words, and as extensions (`x-permission`, `x-roles`). */
export function accessOf(spec: RouteSpec) {
  if (spec.access === "public") return { text: "Public: no session needed.", ext: { "x-permission": "public" } };
  const { permission, orSelf, orMetricsToken } = accessParts(spec.access);
  const roles = PERMISSIONS[permission].roles as readonly string[];
  const who = roles.length === ROLES.length ? "any signed-in user" : `roles ${roles.join(", ")}`;
  let text = `Needs \`${permission}\` (${who}: ${PERMISSIONS[permission].summary.toLowerCase()}).`;
  if (orSelf) text += ` Users may also call it on their own account (\`${orSelf}\` is their user id).`;
  if (orMetricsToken) text += " Or the bearer METRICS_TOKEN.";
  return {
    text,
    ext: { "x-permission": permission, "x-roles": [...roles], ...(orSelf ? { "x-self-allowed": true } : {}), ...(orMetricsToken ? { "x-metrics-token": true } : {}) },
  };
}

const REQUEST_ID = { $ref: "#/components/headers/X-Request-Id" };
const RETRY_AFTER = { $ref: "#/components/headers/Retry-After" };

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  400: "Bad request",
  401: "Not signed in, or wrong credentials",
  403: "Refused",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Body too large",
  415: "Body is not JSON",
  429: "Rate limited",
  500: "Unexpected server error (never a stack trace)",
  503: "Unavailable or busy: retry after the given time",
};

function errorResponses(codes: ErrorCode[], statusOf: RouteSpec["statusOf"] = {}) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) {
    const status = statusOf[c] ?? ERROR_STATUS[c];
    byStatus.set(status, [...(byStatus.get(status) ?? []), c]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, list] of byStatus) {
    const headers: Record<string, unknown> = { "X-Request-Id": REQUEST_ID };
    if (status === 429 || status === 503) headers["Retry-After"] = RETRY_AFTER;
    out[status] = {
      description: `${STATUS_TEXT[status] ?? "Error"}: ${list.map((c) => `\`${c}\``).join(", ")}`,
      headers,
      content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { properties: { error: { enum: list } } }] } } },
    };
  }
  return out;
}

function successResponses(spec: RouteSpec, sink: SchemaSink) {
  const out: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(spec.responses ?? {})) {
    const headers = { "X-Request-Id": REQUEST_ID };
    if (res === null || res === undefined) out[status] = { description: STATUS_TEXT[Number(status)] ?? "No body", headers };
    else if ("contentType" in res) out[status] = { description: res.description, headers, content: { [res.contentType]: { schema: { type: "string" } } } };
    else out[status] = { description: res.description ?? STATUS_TEXT[Number(status)] ?? "OK", headers, content: { "application/json": { schema: jsonSchemaOf(res, "output", sink) } } };
  }
  if (!spec.responses) out.default = { description: "Not declared: this route's spec has no `responses`." };
  return out;
}

function parametersOf(path: string, spec: RouteSpec, sink: SchemaSink) {
  const params: unknown[] = (spec.params ?? []).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (!spec.query) return params;
  const q = jsonSchemaOf(spec.query, "input", sink) as { properties?: Record<string, JsonSchema>; required?: string[] };
  for (const [name, schema] of Object.entries(q.properties ?? {})) {
    const { description, ...rest } = schema as { description?: string };
    params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
  }
  return params;
}

export function operationOf(method: string, path: string, spec: RouteSpec, sink: SchemaSink) {
  const access = accessOf(spec);
  const body = spec.body ?? spec.optionalBody;
  const publicOp = spec.access === "public";
  return {
    operationId: operationId(method, path),
    summary: spec.summary ?? `${method} ${path}`,
    description: access.text + (spec.optionalBody ? " The body is only needed by some callers (see its schema)." : ""),
    tags: [tagOf(path)],
    ...access.ext,
    security: publicOp ? [] : [{ bearer: [] }, { cookie: [] }],
    parameters: parametersOf(path, spec, sink),
    ...(body ? { requestBody: { required: !spec.optionalBody, content: { "application/json": { schema: jsonSchemaOf(body, "input", sink) } } } } : {}),
    responses: { ...successResponses(spec, sink), ...errorResponses(errorCodesOf(method, spec), spec.statusOf) },
  };
}

/** `/api/users/{id}/unlock` → "users". */
export function tagOf(path: string): string {
  return path.split("/")[2]?.replace(/\.json$/, "") ?? "api";
}

/** POST /api/users/{id}/unlock → postUsersIdUnlock. */
export function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\//, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}
