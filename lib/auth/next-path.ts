const DEFAULT_PATH = "/dashboard";
const PROBE_ORIGIN = "http://latchkey.invalid";

/**
 * Only same-site relative paths; anything else falls back to the dashboard. Browsers strip
 * tabs and newlines from URLs and read "\" as "/", so "/\t/evil.com" and "/\evil.com" are
 * really "//evil.com": the path is checked the way a browser resolves it.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f]/.test(next)) return DEFAULT_PATH;
  try {
    if (new URL(next, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return DEFAULT_PATH;
  } catch {
    return DEFAULT_PATH;
  }
  return next;
}
