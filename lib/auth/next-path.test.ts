import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeNextPath("/dashboard")).toBe("/dashboard");
    expect(safeNextPath("/admin/users/abc?tab=sessions#top")).toBe("/admin/users/abc?tab=sessions#top");
    expect(safeNextPath("/%09/evil.com")).toBe("/%09/evil.com");
  });

  it("falls back to the dashboard when there is no path", () => {
    expect(safeNextPath(null)).toBe("/dashboard");
    expect(safeNextPath(undefined)).toBe("/dashboard");
    expect(safeNextPath("")).toBe("/dashboard");
  });

  it("refuses absolute and protocol-relative URLs", () => {
    expect(safeNextPath("https://evil.com")).toBe("/dashboard");
    expect(safeNextPath("//evil.com")).toBe("/dashboard");
    expect(safeNextPath("javascript:alert(1)")).toBe("/dashboard");
    expect(safeNextPath("dashboard")).toBe("/dashboard");
  });

  it("refuses paths a browser would resolve to another host", () => {
    expect(safeNextPath("/\\evil.com")).toBe("/dashboard");
    expect(safeNextPath("/\t/evil.com")).toBe("/dashboard");
    expect(safeNextPath("/\n/evil.com")).toBe("/dashboard");
    expect(safeNextPath("/\r\n/evil.com")).toBe("/dashboard");
  });

  it("gives back only ASCII, fit for a Location header, for paths with wide spaces or slashes", () => {
    expect(safeNextPath("/dashboard\u3000")).toBe("/dashboard%E3%80%80");
    expect(safeNextPath("/\uff0fevil.com")).toBe("/%EF%BC%8Fevil.com");
    expect(safeNextPath("/admin?q=\u3000#\uff0f")).toBe("/admin?q=%E3%80%80#%EF%BC%8F");
    for (const p of ["/dashboard\u3000", "/\uff0f\uff0fevil.com", "/a b", "/ü"]) expect(() => new Headers({ location: safeNextPath(p) }), p).not.toThrow();
  });
});
