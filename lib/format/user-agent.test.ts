import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

describe("describeUserAgent", () => {
  it("names the browser and operating system of desktop browsers", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    ).toBe("Firefox on Windows");
  });

  it("names mobile browsers", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Mobile Safari on iOS");
  });

  it("tells headless Chrome apart from a person's Chrome", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome Headless on Linux");
  });

  it("falls back to the first product token for API clients", () => {
    expect(describeUserAgent("curl/8.5.0")).toBe("curl");
    expect(describeUserAgent("python-requests/2.31.0")).toBe("python-requests");
  });

  it("says unknown when there is no user agent", () => {
    expect(describeUserAgent(null)).toBe("Unknown browser");
    expect(describeUserAgent(undefined)).toBe("Unknown browser");
    expect(describeUserAgent("   ")).toBe("Unknown browser");
  });

  it("keeps labels short however long the header is", () => {
    const label = describeUserAgent(`${"x".repeat(500)}/1.0`);
    expect(label.length).toBeLessThanOrEqual(60);
    expect(label.endsWith("…")).toBe(true);
  });
});
