import { describe, expect, it } from "vitest";
import { ipLimitKey, normalizeIp, resolveClientIp, resolveRequestId } from "./request-context";

describe("resolveRequestId", () => {
  it("keeps a well-formed incoming id and replaces anything else", () => {
    expect(resolveRequestId("abc-123-def_456")).toBe("abc-123-def_456");
    expect(resolveRequestId("short")).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId("has spaces in it")).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId("<script>alert(1)</script>")).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("resolveClientIp (TRUST_PROXY=0)", () => {
  it("takes the last hop, which the server itself appends from the socket", () => {
    expect(resolveClientIp("6.6.6.6, 10.0.0.9")).toBe("10.0.0.9");
    expect(resolveClientIp("10.0.0.9")).toBe("10.0.0.9");
    expect(resolveClientIp(null)).toBe("unknown");
  });
});

describe("normalizeIp", () => {
  it("unwraps IPv4-mapped IPv6 addresses and strips brackets and ports", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("::1")).toBe("::1");
  });
});

describe("ipLimitKey", () => {
  it("groups IPv6 addresses by /64 and keeps IPv4 as is", () => {
    expect(ipLimitKey("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipLimitKey("10.1.2.3")).toBe("10.1.2.3");
  });
});
