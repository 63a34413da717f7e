import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, resolveRequestId } from "./request-id";

export { REQUEST_ID_HEADER, resolveRequestId };

export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string | null;
}

/**
 * The client address. The server (scripts/serve.mjs) appends the socket address to
 * X-Forwarded-For, so the last entry is the peer; TRUST_PROXY=n trusts n more hops.
 */
export function resolveClientIp(forwardedFor: string | null): string {
  const chain = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const picked = chain[Math.max(0, chain.length - 1 - env.TRUST_PROXY)] ?? "unknown";
  return normalizeIp(picked);
}

/** Brackets and ports stripped, IPv4-mapped IPv6 unwrapped. */
export function normalizeIp(raw: string): string {
  const ip = raw.replace(/^\[|\](:\d+)?$/g, "");
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

/** The key per-IP limits count under: IPv6 grouped by /64 so one host cannot rotate through its subnet. */
export function ipLimitKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g || "0", 16).toString(16)).join(":")}::/64`;
}

export function contextFromHeaders(headers: Headers): RequestContext {
  return {
    requestId: resolveRequestId(headers.get(REQUEST_ID_HEADER)),
    ip: resolveClientIp(headers.get("x-forwarded-for")),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
