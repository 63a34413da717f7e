import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { isCrossSiteWrite } from "./same-origin";

const post = (headers: Record<string, string>, hasSessionCookie = true) => ({ method: "POST", headers: new Headers(headers), hasSessionCookie });

describe("isCrossSiteWrite", () => {
  const app = { appUrl: "https://auth.example.com", trustProxy: 0 };

  it("trusts APP_URL's origin only, unless proxies are trusted", () => {
    expect(isCrossSiteWrite(post({ origin: "https://auth.example.com" }), app)).toBe(false);
    const forwarded = { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(isCrossSiteWrite(post(forwarded), app)).toBe(true);
    expect(isCrossSiteWrite(post({ origin: "https://internal:8443", "x-forwarded-host": "internal:8443", "x-forwarded-proto": "https" }), { ...app, trustProxy: 1 })).toBe(false);
  });

  it("refuses cross-site and same-site fetches, and a session cookie with neither Origin nor Sec-Fetch-Site", () => {
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "cross-site" }), app)).toBe(true);
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "same-site", origin: "https://auth.example.com" }), app)).toBe(true);
    expect(isCrossSiteWrite(post({}), app)).toBe(true);
    expect(isCrossSiteWrite(post({}, false), app)).toBe(false);
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "same-origin" }), app)).toBe(false);
    expect(isCrossSiteWrite(post({ authorization: "Bearer abc", origin: "https://evil.example" }), app)).toBe(false);
  });
});

describe("proxy.ts on server actions", () => {
  const action = (headers: Record<string, string>) => proxy(new NextRequest("http://localhost:3000/settings", { method: "POST", headers: { "next-action": "00".repeat(21), ...headers }, body: "[]" }));

  it("refuses a cross-site action, and one with a session cookie and no Origin, with 403 and our JSON body", async () => {
    const refused: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { cookie: "authjs.session-token=abc" }, { origin: "https://evil.example" }];
    for (const headers of refused) {
      const res = await action(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ error: "csrf_rejected", request_id: res.headers.get("x-request-id") });
    }
  });

  it("lets a same-origin action through", async () => {
    const res = await action({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin", cookie: "authjs.session-token=abc" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});
