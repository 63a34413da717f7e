// The same-origin rule for cookie-authenticated writes, shared by the JSON routes
// (lib/security/csrf.ts) and server actions (proxy.ts, which runs before the app's server
// modules and so passes its own settings in). Pure: no env, no cookies module.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** GET, HEAD and OPTIONS change nothing: the rule never refuses them. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());

export interface OriginPolicy {
  /** APP_URL: the one origin a browser form or fetch of ours comes from. */
  appUrl: string;
  /**
   * TRUST_PROXY. Only with trusted proxies is X-Forwarded-Host / X-Forwarded-Proto (as a
   * proxy rewrote it) an origin of ours; without them any client could send those headers.
   */
  trustProxy: number;
}

export interface OriginRequest {
  method: string;
  headers: Headers;
  /** Whether the request carries a session cookie (the thing a forged request would ride on). */
  hasSessionCookie: boolean;
}

/** True when a state-changing request must be refused as cross-site. Bearer requests are exempt. */
export function isCrossSiteWrite(req: OriginRequest, policy: OriginPolicy): boolean {
  if (isSafeMethod(req.method)) return false;
  if (/^Bearer\s+\S+$/i.test(req.headers.get("authorization") ?? "")) return false;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site === "cross-site" || site === "same-site") return true;
  if (origin && origin !== "null" && allowedOrigins(req.headers, policy).has(origin)) return false;
  if (origin) return true;
  return req.hasSessionCookie && site !== "same-origin";
}

function allowedOrigins(headers: Headers, policy: OriginPolicy): Set<string> {
  const origins = new Set([new URL(policy.appUrl).origin]);
  if (policy.trustProxy > 0) {
    const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    if (host && (proto === "http" || proto === "https")) origins.add(`${proto}://${host}`);
  }
  return origins;
}
