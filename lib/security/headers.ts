// Security headers for every response, built in proxy.ts (which cannot read lib/env: it
// runs before the app's server modules). The CSP nonce is per request; Next puts it on
// its own <script> tags when it finds it in the request's CSP header.

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

export function generateNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
