import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";
import { contentSecurityPolicy, securityHeaders } from "./headers";

describe("security headers", () => {
  it("builds a nonce CSP without unsafe-inline scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: false, production: true });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toContain("'nonce-abc123'");
    expect(script).not.toContain("unsafe-inline");
    expect(script).not.toContain("unsafe-eval");
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
  });

  it("sends HSTS for a year over https or in production only", () => {
    expect(securityHeaders({ nonce: "n", https: true, production: false })["strict-transport-security"]).toMatch(/max-age=31536000/);
    expect(securityHeaders({ nonce: "n", https: false, production: true })["strict-transport-security"]).toMatch(/max-age=31536000/);
    expect(securityHeaders({ nonce: "n", https: false, production: false })["strict-transport-security"]).toBeUndefined();
  });

  it("proxy gives every response its own X-Request-Id, a fresh nonce and the headers", async () => {
    const a = await proxy(new NextRequest("http://localhost:3000/login"));
    const b = await proxy(new NextRequest("http://localhost:3000/login", { headers: { "x-request-id": "caller-supplied-id-1" } }));
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const nonceOf = (r: Response) => r.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("never adopts a client's X-Request-Id: ours goes to the app, the client's stays a separate field", async () => {
    const res = await proxy(new NextRequest("http://localhost:3000/login", { headers: { "x-request-id": "caller-supplied-id-1", "x-latchkey-request-id": "00000000-0000-4000-8000-000000000000" } }));
    const ours = res.headers.get("x-request-id")!;
    expect(ours).not.toBe("caller-supplied-id-1");
    // NextResponse.next({ request: { headers } }) hands the rewritten request headers to Next this way.
    expect(res.headers.get("x-middleware-request-x-latchkey-request-id")).toBe(ours);
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe("caller-supplied-id-1");
  });

  it("runs for pages, and for /api/* only on paths holding a %: refuses those the URL rule refuses, passes the rest untouched", async () => {
    const matches = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));
    expect([matches("/login"), matches("/api"), matches("/api/ping"), matches("/api/users/%FF"), matches("/_next/static/x.js")]).toEqual([true, true, false, true, false]);
    const refused = await proxy(new NextRequest("http://localhost:3000/api/users/%FF"));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "validation_error", fields: { path: "not valid percent-encoding" }, request_id: refused.headers.get("x-request-id") });
    expect(refused.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const passed = await proxy(new NextRequest("http://localhost:3000/api/users/a%20b"));
    expect(passed.headers.get("x-middleware-next")).toBe("1");
    expect(passed.headers.get("x-request-id")).toBeNull();
    expect(passed.headers.get("x-middleware-request-x-latchkey-request-id")).toBeNull();
  });
});
