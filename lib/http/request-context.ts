import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { apiHeadersFromServer } from "./server-hook";
import { OWN_REQUEST_ID_HEADER, REQUEST_ID_HEADER, clientRequestId, newRequestId, ownRequestId } from "./request-id";

export { REQUEST_ID_HEADER };

export interface RequestContext {
  /** Ours, always generated (proxy.ts): the reference users read out and support looks up. */
  requestId: string;
  /** The caller's X-Request-Id when well-formed; logged beside ours, never trusted. */
  clientRequestId?: string | null;
  ip: string;
  userAgent: string | null;
}

/**
 * The client address. The server (scripts/serve.mjs) appends the socket address to
 * X-Forwarded-For, so the last entry is the peer; TRUST_PROXY=n trusts n more hops.
 */
export function resolveClientIp(forwardedFor: string | null): string {
  // One hop (no proxy in front): no list to split.
  if (forwardedFor && !forwardedFor.includes(",")) return normalizeIp(forwardedFor);
  const chain = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const picked = chain[Math.max(0, chain.length - 1 - env.TRUST_PROXY)] ?? "unknown";
  return normalizeIp(picked);
}

/**
 * One spelling per address (ipaddr.js): brackets and ports stripped, IPv4-mapped IPv6 in
 * any of its spellings (`::ffff:1.2.3.4`, `::ffff:0102:0304`, zero-padded) unwrapped to
 * IPv4, IPv6 in its RFC 5952 short form. Anything that is not an address is "unknown".
 */
export function normalizeIp(raw: string): string {
  return remembered(normalized, raw, parseIp);
}

// Parsing an address is the costliest step of a request's context and the same few clients
// send most requests: the answers for recent addresses are kept (pure functions of their
// input; each map is emptied when it reaches REMEMBERED_MAX entries, so it stays bounded).
const REMEMBERED_MAX = 4096;
const normalized = new Map<string, string>();
const limitKeys = new Map<string, string>();
const networkKeys = new Map<string, string>();

function remembered(cache: Map<string, string>, input: string, compute: (input: string) => string): string {
  let value = cache.get(input);
  if (value === undefined) {
    if (cache.size >= REMEMBERED_MAX) cache.clear();
    value = compute(input);
    cache.set(input, value);
  }
  return value;
}

function parseIp(raw: string): string {
  const ip = raw.trim().replace(/^\[([^\]]*)\](:\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (!ipaddr.isValid(ip)) return "unknown";
  const parsed = ipaddr.process(ip);
  return parsed.kind() === "ipv4" ? parsed.toString() : (parsed as ipaddr.IPv6).toRFC5952String();
}

function prefixKey(ip: string, v4Bits: number, v6Bits: number): string {
  if (!ipaddr.isValid(ip)) return ip;
  const addr = ipaddr.process(ip);
  const bits = addr.kind() === "ipv4" ? v4Bits : v6Bits;
  const bytes = addr.toByteArray().map((b, i) => (i * 8 >= bits ? 0 : i * 8 + 8 <= bits ? b : b & (0xff << (8 - (bits - i * 8)))));
  const network = ipaddr.fromByteArray(bytes);
  const text = network.kind() === "ipv4" ? network.toString() : (network as ipaddr.IPv6).toRFC5952String();
  return bits === (addr.kind() === "ipv4" ? 32 : 128) ? text : `${text}/${bits}`;
}

/** The key per-IP limits count under: IPv6 grouped by /64 so one host cannot rotate through its subnet. */
export function ipLimitKey(ip: string): string {
  return remembered(limitKeys, ip, (x) => prefixKey(x, 32, 64));
}

/** The client's network: IPv4 by /24, IPv6 by /64 (per-email limits are kept per network). */
export function networkKey(ip: string): string {
  return remembered(networkKeys, ip, (x) => prefixKey(x, 24, 64));
}

/** A page's or server action's context: proxy.ts gave the request our id. */
export function contextFromHeaders(headers: Headers): RequestContext {
  return contextWithId(headers, ownRequestId(headers));
}

/**
 * A JSON API request's context (route() and the Auth.js catch-all). proxy.ts does not run
 * for /api/*: under scripts/serve.mjs the server made the id (it wrote x-latchkey-request-id
 * over the client's and answers it as X-Request-Id, lib/http/server-hook.ts); without it a
 * fresh id is made here, and an x-latchkey-request-id the client sent is ignored like its
 * X-Request-Id.
 */
export function apiContextFromHeaders(headers: Headers): RequestContext {
  return contextWithId(headers, (apiHeadersFromServer() && headers.get(OWN_REQUEST_ID_HEADER)) || newRequestId());
}

function contextWithId(headers: Headers, requestId: string): RequestContext {
  return {
    requestId,
    clientRequestId: clientRequestId(headers.get(REQUEST_ID_HEADER)),
    ip: resolveClientIp(headers.get("x-forwarded-for")),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
