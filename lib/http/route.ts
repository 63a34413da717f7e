import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { bearerToken, requireApiSession, type ApiSession } from "@/lib/auth/guards";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { assertRecentAuth } from "@/lib/auth/step-up";
import { isMetricsToken } from "@/lib/observability/metrics-access";
import { REFUSED_URL_PATTERN, observeRequest, routePattern } from "@/lib/observability/metrics";
import { recordRequest } from "@/lib/observability/request-log";
import { assertSameOrigin } from "@/lib/security/csrf";
import { limitByIp } from "@/lib/security/rate-limit";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { withApiHeaders } from "./api-headers";
import { assertPathParams, assertUrl, readJson, readQuery } from "./body";
import { errorResponse, type ErrorCode } from "./errors";
import { apiContextFromHeaders, type RequestContext } from "./request-context";

type Params = Record<string, string>;

/**
 * Who may call a route: anyone ("public"), a signed-in caller holding a permission, or a
 * permission that the caller does not need for their own account (`orSelf` names the path
 * parameter that holds the user id), or a permission that Prometheus' METRICS_TOKEN also
 * grants (`orMetricsToken`; the handler then gets no session).
 */
export type Access = "public" | Permission | { permission: Permission; orSelf?: string; orMetricsToken?: true };

/**
 * One declared answer: the zod schema of its JSON body (the serializer's, from
 * lib/openapi/schemas.ts), `null` for no body (204), or another content type.
 */
export type ResponseSpec = z.ZodType | null | { contentType: string; description: string };

export interface RouteSpec {
  access: Access;
  /** One line for the API description (GET /api/openapi.json, /docs/api). */
  summary?: string;
  /** The answers other than errors, by status: `{ 200: profileSchema }`. Required for the OpenAPI document (a test fails without it). */
  responses?: Partial<Record<number, ResponseSpec>>;
  /**
   * Error codes the handler or its lib function can answer with. The wrapper's own follow
   * from the rest of the spec and are not listed: 429 and 500 always, 403 csrf_rejected for
   * writes, 401 (and 403 when some role lacks the permission) unless public, 400/413/415
   * with a body, 400 with a query.
   */
  errors?: readonly ErrorCode[];
  /** Codes this route answers with another status than lib/http/errors.ts gives them (SPEC 10: a wrong code while enrolling is 400). */
  statusOf?: Partial<Record<ErrorCode, 400>>;
  /** A JSON body the handler reads itself because only some callers send it (documented as optional). */
  optionalBody?: z.ZodType;
  /** The JSON body, parsed before the handler runs (400 naming the field when invalid). */
  body?: z.ZodType;
  /** The query string, parsed the same way. */
  query?: z.ZodType;
  /** The path's dynamic segments, e.g. `["id"]` for `/api/users/[id]`. */
  params?: readonly string[];
  /** The caller must have proved who they are within REAUTH_MAX_AGE_S (403 reauthentication_required). */
  recentAuth?: true;
  /** `false`: not counted against the per-IP API limit (the health check load balancers poll). */
  ipLimit?: false;
}

type ParamsOf<S extends RouteSpec> = S["params"] extends readonly string[] ? Record<S["params"][number], string> : Record<never, string>;

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteCall<S extends RouteSpec> {
  req: NextRequest;
  ctx: RequestContext;
  params: ParamsOf<S>;
  /** The caller's session (null on public routes, and for METRICS_TOKEN). */
  auth: S["access"] extends "public" ? null : S["access"] extends { orMetricsToken: true } ? ApiSession | null : ApiSession;
  body: Parsed<S["body"]>;
  query: Parsed<S["query"]>;
}

export type RouteHandler<P extends Params = Params> = ((req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>) & {
  spec: RouteSpec;
};

async function authorize(req: NextRequest, access: Access, params: Params): Promise<ApiSession | null> {
  if (access === "public") return null;
  if (typeof access === "object" && access.orMetricsToken && isMetricsToken(bearerToken(req))) return null;
  const auth = await requireApiSession(req);
  if (typeof access === "string") assertCan(auth.session, access);
  else if (!access.orSelf || params[access.orSelf] !== auth.session.user.id) assertCan(auth.session, access.permission);
  return auth;
}

/**
 * Every JSON route handler is `route(spec, handler)`. The spec declares who may call it and
 * the body and query schemas; the wrapper does, in order: request context (our own id, client
 * IP, user agent), the URL rule (lib/http/url-rules.ts: no undecodable or NUL path, no NUL in
 * the query), the same-origin check for cookie-authenticated writes, the per-IP API rate
 * limit, the caller's session and permission, the body and query, then the handler; and for
 * every answer the API headers (X-Request-Id, no-store, security headers: `api-headers.ts`,
 * since proxy.ts runs for pages only), the one error-to-response mapping and the request metrics
 * (http_requests_total, http_request_duration_seconds) by route pattern. `spec` stays on the
 * handler so tests can list who may call what.
 */
export function route<const S extends RouteSpec>(spec: S, handler: (call: RouteCall<S>) => Promise<Response>): RouteHandler<ParamsOf<S>> {
  const wrapped = async (req: NextRequest, segment: { params: Promise<ParamsOf<S>> }): Promise<Response> => {
    const started = performance.now();
    const ctx = apiContextFromHeaders(req.headers);
    let params = {} as ParamsOf<S>;
    let urlChecked = false;
    let res: Response;
    // Ours is the reference; a client's own id is only logged beside it.
    if (ctx.clientRequestId) log.info({ request_id: ctx.requestId, client_request_id: ctx.clientRequestId }, "client request id");
    try {
      assertUrl(req);
      urlChecked = true;
      params = await segment.params;
      assertPathParams(params as Params);
      assertSameOrigin(req);
      // Limits off: no call and no await (each await is a tick on every request).
      if (spec.ipLimit !== false && env.RATE_LIMITS_ENABLED) await limitByIp("apiIp", ctx);
      // A public route has no caller to look up: no await (each one is a tick on every request).
      const auth = spec.access === "public" ? null : await authorize(req, spec.access, params as Params);
      if (spec.recentAuth && auth) assertRecentAuth(auth.session);
      const body = spec.body ? await readJson(req, spec.body) : undefined;
      const query = spec.query ? readQuery(req, spec.query) : undefined;
      // No request scope (lib/http/request-scope.ts) is opened here: no route() handler reaches
      // Auth.js, whose callbacks are what reads it; the two callers that do (the Auth.js
      // catch-all, lib/federation/start.ts) open it themselves. An AsyncLocalStorage that is
      // entered costs every promise of the process a copy of its store.
      res = await handler({ req, ctx, params, auth, body, query } as unknown as RouteCall<S>);
    } catch (err) {
      res = errorResponse(err, ctx.requestId);
    }
    res = withApiHeaders(res, req, ctx.requestId);
    const ms = performance.now() - started;
    // Until the URL rule passed, the path is the client's: not a label (unbounded values).
    const pattern = urlChecked ? routePattern(req.nextUrl.pathname, (params ?? {}) as Params) : REFUSED_URL_PATTERN;
    observeRequest(req.method, pattern, res.status, ms / 1000);
    // The wall-clock start from the monotonic clock: Next wraps Date.now() on the server to
    // watch for time read during a render, a check on every call.
    recordRequest({ at: Math.round(performance.timeOrigin + started), requestId: ctx.requestId, method: req.method, route: pattern, status: res.status, ms });
    return res;
  };
  return Object.assign(wrapped, { spec });
}
