import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestContext } from "./request-context";

// The request context of work that runs inside a library's callbacks (Auth.js' sign-in
// callback and logger): the caller that knows the request opens the scope, so the callback's
// audit rows and log lines carry the same request id as the request they belong to.
const scope = new AsyncLocalStorage<RequestContext>();

export const withRequestScope = <T>(ctx: RequestContext, run: () => T): T => scope.run(ctx, run);

export const requestScope = (): RequestContext | undefined => scope.getStore();
