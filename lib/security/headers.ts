// Security headers for every response. Pages get them from proxy.ts (which cannot read
// lib/env: it runs before the app's server modules), with a CSP nonce per request that Next
// puts on its own <script> tags when it finds it in the request's CSP header. JSON API
// responses get apiSecurityHeaders() from lib/http/api-headers.ts instead: the proxy does
// not run for /api/* (it cost ~40 % of a bare route handler's throughput).

export interface HeaderOptions {
  nonce: string;
  https: boolean;
  production: boolean;
}

export function contentSecurityPolicy({ nonce, https, production }: HeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // React and Next set style attributes at run time; inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(opts: HeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(opts),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    ...(opts.https || opts.production ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** The same headers for JSON: nothing in a response may load or frame anything. */
export function apiSecurityHeaders({ https, production }: Omit<HeaderOptions, "nonce">): Record<string, string> {
  return { ...securityHeaders({ nonce: "", https, production }), "content-security-policy": "default-src 'none'; frame-ancestors 'none'" };
}

export function generateNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
