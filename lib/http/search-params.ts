// Query strings of GET filter forms (admin search, audit log): what Next hands a page as
// `searchParams`, turned into plain strings for the zod schemas, and back into links.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The first value of each parameter, trimmed; empty ones are dropped (an empty filter means "any"). */
export function readSearchParams(raw: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = (Array.isArray(value) ? value[0] : value)?.trim();
    if (first) out[key] = first;
  }
  return out;
}

/** `path?query` from the current parameters with some replaced; empty values are left out. */
export function hrefWith(path: string, params: Record<string, string>, overrides: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...overrides })) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
