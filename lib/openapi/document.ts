import type { RouteHandler, RouteSpec } from "@/lib/http/route";
import pkg from "@/package.json";
import { errorBodySchema, openApiDocumentSchema } from "./schemas";
import { jsonSchemaOf, type SchemaSink } from "./json-schema";
import { operationOf } from "./operation";
import { ROUTE_MODULES } from "./routes";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** GET /api/openapi.json's own spec (the route file uses it; the document lists it with the others). */
export const OPENAPI_SPEC = {
  access: "public",
  summary: "This API's OpenAPI 3.1 description",
  responses: { 200: openApiDocumentSchema },
} as const satisfies RouteSpec;

export const OPENAPI_PATH = "/api/openapi.json";

const TAGS = [
  { name: "auth", description: "Sign-in, registration, the caller's own session, sessions and password" },
  { name: "users", description: "User administration (support and admin), and a user's own account by id" },
  { name: "audit", description: "The audit log" },
  { name: "requests", description: "One request by its reference (X-Request-Id)" },
  { name: "metrics", description: "Prometheus metrics and the request summary" },
  { name: "health", description: "Readiness with the database check" },
  { name: "ping", description: "Liveness without the database" },
  { name: "openapi", description: "This document" },
];

/** `/api/users/[id]` → `/api/users/{id}`. */
export const openApiPath = (routePath: string) => routePath.replace(/\[([^\]]+)\]/g, "{$1}");

/** Every operation the document describes: path (Next's form), method, spec. */
export function documentedOperations(): { path: string; method: string; spec: RouteSpec }[] {
  const ops: { path: string; method: string; spec: RouteSpec }[] = [];
  for (const [path, mod] of Object.entries(ROUTE_MODULES)) {
    for (const method of HTTP_METHODS) {
      const handler = mod[method] as RouteHandler | undefined;
      if (handler?.spec) ops.push({ path, method, spec: handler.spec });
    }
  }
  ops.push({ path: OPENAPI_PATH, method: "GET", spec: OPENAPI_SPEC });
  return ops.sort((a, b) => a.path.localeCompare(b.path));
}

let built: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document, built once per process from the route specs. */
export function openApiDocument(): Record<string, unknown> {
  return (built ??= buildDocument());
}

function buildDocument() {
  const schemas: SchemaSink = {};
  jsonSchemaOf(errorBodySchema, "output", schemas); // components.schemas.Error, which every error answer references
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, method, spec } of documentedOperations()) {
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = operationOf(method, openApiPath(path), spec, schemas);
  }
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "Latchkey JSON API",
      version: pkg.version,
      summary: "Self-hosted sign-in: accounts, sessions, user administration, audit",
      description:
        "Every JSON endpoint of this instance, generated from the zod schemas its handlers parse and answer with. " +
        "Errors are `{ error, message, request_id, fields?, retry_after? }`; every answer carries `X-Request-Id`. " +
        "Writes authenticated by the session cookie must come from the app's own origin (403 `csrf_rejected`); bearer tokens are exempt. " +
        "Not described: Auth.js' own endpoints under /api/auth (csrf, session, providers, signin, callback), which run the OAuth/OIDC flows in the browser.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "This instance" }],
    tags: TAGS,
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A session token (from login, register or refresh; or METRICS_TOKEN for /api/metrics)." },
        cookie: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The browser's session cookie (`__Secure-authjs.session-token` over HTTPS)." },
      },
      headers: {
        "X-Request-Id": { description: "This request's reference: taken from the request when well-formed, else generated.", schema: { type: "string" } },
        "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } },
      },
    },
  };
}
