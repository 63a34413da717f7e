import "server-only";
import type { NextRequest } from "next/server";
import { ensureDatabase } from "@/lib/db/client";
import { observeRequest, routePattern } from "@/lib/observability/metrics";
import { recordRequest } from "@/lib/observability/request-log";
import { assertSameOrigin } from "@/lib/security/csrf";
import { limitByIp } from "@/lib/security/rate-limit";
import { errorResponse } from "./errors";
import { REQUEST_ID_HEADER, contextFromHeaders, type RequestContext } from "./request-context";

type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (req: NextRequest, ctx: RequestContext, params: P) => Promise<Response>;

/**
 * Wraps a route handler: request context (id, client IP, user agent), database readiness,
 * the same-origin check for cookie-authenticated writes, the per-IP API rate limit,
 * X-Request-Id on every response, the one error-to-response mapping, and the request metrics
 * (http_requests_total, http_request_duration_seconds) by route pattern.
 */
export function route<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const startedAt = Date.now();
    const ctx = contextFromHeaders(req.headers);
    const params = await segment.params;
    let res: Response;
    try {
      await ensureDatabase();
      assertSameOrigin(req);
      await limitByIp("apiIp", ctx);
      res = await handler(req, ctx, params);
      res.headers.set(REQUEST_ID_HEADER, ctx.requestId);
    } catch (err) {
      res = errorResponse(err, ctx.requestId);
    }
    const ms = performance.now() - started;
    const pattern = routePattern(req.nextUrl.pathname, params ?? {});
    observeRequest(req.method, pattern, res.status, ms / 1000);
    recordRequest({ at: startedAt, requestId: ctx.requestId, method: req.method, route: pattern, status: res.status, ms });
    return res;
  };
}
