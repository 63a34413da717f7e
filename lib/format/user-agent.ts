import { UAParser } from "ua-parser-js";

const UNKNOWN = "Unknown browser";
const MAX_LENGTH = 60;

/**
 * A short, human label for a stored User-Agent: "Chrome on Linux", "Mobile Safari on iOS".
 * Non-browser clients (curl, SDKs) fall back to their first product token, so an API
 * session still reads as something recognisable.
 */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return UNKNOWN;
  const { browser, os } = new UAParser(ua).getResult();
  if (browser.name) return clip(os.name ? `${browser.name} on ${os.name}` : browser.name);
  if (os.name) return clip(`${UNKNOWN} on ${os.name}`);
  const product = ua.split(/[\s/;(]/)[0];
  return product ? clip(product) : UNKNOWN;
}

function clip(label: string): string {
  return label.length > MAX_LENGTH ? `${label.slice(0, MAX_LENGTH - 1)}…` : label;
}
