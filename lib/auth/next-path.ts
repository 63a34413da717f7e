const DEFAULT_PATH = "/dashboard";
const PROBE_ORIGIN = "http://latchkey.invalid";

/**
 * Only same-site relative paths; anything else falls back to the dashboard. Browsers strip
 * tabs and newlines from URLs and read "\" as "/", so "/\t/evil.com" and "/\evil.com" are
 * really "//evil.com": the path is checked the way a browser resolves it. What comes back
 * is the URL parser's own percent-encoded spelling (ASCII only), because it goes into a
 * Location header, where U+3000 or U+FF0F would make the response itself invalid.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f]/.test(next)) return DEFAULT_PATH;
  try {
    const url = new URL(next, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return DEFAULT_PATH;
    const path = url.pathname + url.search + url.hash;
    return /^[\x21-\x7e]+$/.test(path) ? path : DEFAULT_PATH;
  } catch {
    return DEFAULT_PATH;
  }
}
