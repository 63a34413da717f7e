import { describe, expect, it } from "vitest";
import { ipLimitKey, networkKey, normalizeIp, resolveClientIp } from "./request-context";
import { clientRequestId, ownRequestId } from "./request-id";

describe("request ids", () => {
  it("never takes the caller's X-Request-Id as ours: ours is generated, theirs kept apart when well-formed", () => {
    const spoofed = new Headers({ "x-request-id": "abc-123-def_456", "x-latchkey-request-id": "abc-123-def_456" });
    expect(ownRequestId(spoofed)).toMatch(/^[0-9a-f-]{36}$/);
    expect(ownRequestId(spoofed)).not.toBe("abc-123-def_456");
    const fromProxy = crypto.randomUUID();
    expect(ownRequestId(new Headers({ "x-latchkey-request-id": fromProxy }))).toBe(fromProxy);
    expect(clientRequestId("abc-123-def_456")).toBe("abc-123-def_456");
    for (const bad of ["short", "has spaces in it", "<script>alert(1)</script>", null]) expect(clientRequestId(bad)).toBeNull();
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

  it("gives every spelling of one IPv4-mapped address the same IPv4 key", () => {
    for (const spelling of ["::ffff:198.51.100.7", "::FFFF:198.51.100.7", "::ffff:c633:6407", "0:0:0:0:0:ffff:c633:6407", "0000:0000:0000:0000:0000:ffff:198.51.100.7", "[::ffff:198.51.100.7]:8080"]) {
      expect(normalizeIp(spelling), spelling).toBe("198.51.100.7");
      expect(ipLimitKey(normalizeIp(spelling)), spelling).toBe("198.51.100.7");
    }
    expect(normalizeIp("2001:0DB8:0000::0001")).toBe("2001:db8::1");
    expect(normalizeIp("not-an-ip")).toBe("unknown");
  });
});

describe("ipLimitKey and networkKey", () => {
  it("groups IPv6 addresses by /64 and keeps IPv4 as is", () => {
    expect(ipLimitKey("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:db8::1")).toBe("2001:db8::/64");
    expect(ipLimitKey("10.1.2.3")).toBe("10.1.2.3");
  });

  it("groups networks by /24 (IPv4) and /64 (IPv6)", () => {
    expect(networkKey("10.1.2.3")).toBe("10.1.2.0/24");
    expect(networkKey("10.1.2.250")).toBe("10.1.2.0/24");
    expect(networkKey("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64");
    expect(networkKey("unknown")).toBe("unknown");
  });
});
