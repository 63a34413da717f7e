import "server-only";
import type { NextRequest } from "next/server";
import { ensureDatabase } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/security/csrf";
import { limitByIp } from "@/lib/security/rate-limit";
import { errorResponse } from "./errors";
import { REQUEST_ID_HEADER, contextFromHeaders, type RequestContext } from "./request-context";

type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (req: NextRequest, ctx: RequestContext, params: P) => Promise<Response>;

/**
 * Wraps a route handler: request context (id, client IP, user agent), database readiness,
 * the same-origin check for cookie-authenticated writes, the per-IP API rate limit,
 * X-Request-Id on every response, and the one error-to-response mapping.
 */
export function route<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const ctx = contextFromHeaders(req.headers);
    try {
      await ensureDatabase();
      assertSameOrigin(req);
      await limitByIp("apiIp", ctx);
      const res = await handler(req, ctx, await segment.params);
      res.headers.set(REQUEST_ID_HEADER, ctx.requestId);
      return res;
    } catch (err) {
      return errorResponse(err, ctx.requestId);
    }
  };
}
