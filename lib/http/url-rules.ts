// What a URL may not carry, for pages and the JSON API alike: a path that does not
// percent-decode, NUL in the path, NUL in a query key or value. Next would answer these
// with its plain-text 500 (or PostgreSQL would refuse the NUL), so they are refused first
// with our JSON 400. The one home of the rule: proxy.ts applies it to pages and server
// actions, route() and the Auth.js catch-all to /api/* (which the proxy does not run for).
// No lib/env here: proxy.ts imports it.

export interface UrlRefusal {
  message: string;
  fields: Record<string, string>;
}

/** Why this URL is refused (400 validation_error), or null when it may go on. */
export function urlRefusal(url: URL): UrlRefusal | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { message: "The path is not valid percent-encoding", fields: { path: "not valid percent-encoding" } };
  }
  if (path.includes("\u0000")) return { message: "The path contains a NUL character", fields: { path: "must not contain NUL" } };
  if (!url.search) return null;
  for (const [key, value] of url.searchParams) {
    if (key.includes("\u0000") || value.includes("\u0000")) {
      return { message: "Some fields are invalid", fields: { [key.replace(/\u0000/g, "") || "query"]: "must not contain NUL" } };
    }
  }
  return null;
}
