import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";
import { withRequestScope } from "@/lib/http/request-scope";
import { log } from "@/lib/log";
import type { ProviderId } from "./providers";

/**
 * Sends the browser to the provider (Auth.js sets the state, PKCE and nonce cookies and
 * builds the authorization URL). A provider that cannot be reached (discovery fails, the
 * issuer is down or wrong) stops only itself: the log says what failed, and the user lands
 * on `errorPage` with a message and the request id as the reference.
 */
export async function startProviderFlow(
  provider: ProviderId,
  redirectTo: string,
  ctx: RequestContext,
  errorPage: string,
  opts: { freshLogin?: boolean } = {},
): Promise<never> {
  // A confirmation must not be answered by the provider's own remembered session: OpenID
  // Connect providers are asked to authenticate the person again (GitHub has no such parameter).
  const params = opts.freshLogin && provider !== "github" ? { prompt: "login", max_age: "0" } : undefined;
  let target: string | null = null;
  let cause = "";
  try {
    target = await withRequestScope(ctx, () => signIn(provider, { redirectTo, redirect: false }, params));
  } catch (err) {
    unstable_rethrow(err);
    cause = err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err);
  }
  // Auth.js answers a failure (discovery failed, say) with its error page: this app's /login?error=….
  const url = target ? new URL(target, env.APP_URL) : null;
  const failed = !url || (url.origin === new URL(env.APP_URL).origin && url.searchParams.has("error"));
  if (!failed) redirect(url.toString());
  log.error({ request_id: ctx.requestId, context: { provider, cause: cause || url?.searchParams.get("error") } }, `sign-in with ${provider} could not start`);
  const sep = errorPage.includes("?") ? "&" : "?";
  redirect(`${errorPage}${sep}${new URLSearchParams({ error: "provider_unavailable", provider, ref: ctx.requestId })}`);
}
