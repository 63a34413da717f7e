import { describe, expect, it } from "vitest";
import { formatRelativeTime, formatUtc } from "./time";

const now = new Date("2026-11-26T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("formatRelativeTime", () => {
  it("says just now within a minute either side", () => {
    expect(formatRelativeTime(ago(0), now)).toBe("just now");
    expect(formatRelativeTime(ago(59), now)).toBe("just now");
    expect(formatRelativeTime(ago(-30), now)).toBe("just now");
  });

  it("uses the largest whole unit", () => {
    expect(formatRelativeTime(ago(60), now)).toBe("1 minute ago");
    expect(formatRelativeTime(ago(5 * 60 + 59), now)).toBe("5 minutes ago");
    expect(formatRelativeTime(ago(2 * 3600), now)).toBe("2 hours ago");
    expect(formatRelativeTime(ago(24 * 3600), now)).toBe("yesterday");
    expect(formatRelativeTime(ago(3 * 24 * 3600), now)).toBe("3 days ago");
    expect(formatRelativeTime(ago(14 * 24 * 3600), now)).toBe("2 weeks ago");
    expect(formatRelativeTime(ago(400 * 24 * 3600), now)).toBe("last year");
  });

  it("describes future times too", () => {
    expect(formatRelativeTime(ago(-2 * 3600), now)).toBe("in 2 hours");
  });
});

describe("formatUtc", () => {
  it("formats in UTC whatever the server's time zone", () => {
    expect(formatUtc(new Date("2026-11-26T09:14:00Z"))).toBe("Nov 26, 2026, 09:14 UTC");
  });
});
