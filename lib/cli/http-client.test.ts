import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CliError, NEEDS_SECOND_FACTOR, NOT_SIGNED_IN, NOT_STAFF, NO_SUCH_USER, callApi, describeFailure } from "./http-client";

describe("describeFailure", () => {
  it("tells the operator to set a staff token on 401, whatever the body says", () => {
    expect(describeFailure(401, { error: "unauthorized", message: "Sign in to continue", request_id: "r1" })).toBe(`${NOT_SIGNED_IN} [request r1]`);
    expect(describeFailure(401, null)).toBe(NOT_SIGNED_IN);
  });

  it("says the token's user lacks the role on the API's 403 forbidden", () => {
    expect(describeFailure(403, { error: "forbidden", message: "You do not have access to this resource", request_id: "r2" })).toBe(`${NOT_STAFF} [request r2]`);
  });

  it("says a staff token needs a second-factor sign-in on the API's 403 mfa_required", () => {
    expect(describeFailure(403, { error: "mfa_required", message: "Staff powers need a sign-in with a second factor", request_id: "r6" })).toBe(`${NEEDS_SECOND_FACTOR} [request r6]`);
  });

  it("says no such user only for the API's own not_found, not for a 404 page", () => {
    expect(describeFailure(404, { error: "not_found", message: "User not found", request_id: "r3" })).toBe(`${NO_SUCH_USER} [request r3]`);
    expect(describeFailure(404, null)).toMatch(/^unexpected answer: HTTP 404 .*is --url a Latchkey instance/);
  });

  it("gives the wait on 429 from the body, else from the Retry-After header", () => {
    expect(describeFailure(429, { error: "rate_limit_exceeded", message: "Too many requests", retry_after: 42, request_id: "r4" }, "7")).toBe("rate limited: retry after 42 s [request r4]");
    expect(describeFailure(429, null, "7")).toBe("rate limited: retry after 7 s");
  });

  it("passes any other API error through with its status and code", () => {
    expect(describeFailure(409, { error: "last_admin", message: "This is the only active administrator", request_id: "r5" })).toBe(
      "This is the only active administrator (HTTP 409 last_admin) [request r5]",
    );
  });
});

describe("callApi over real HTTP", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A local server that records the request and answers with `status` and `body`. */
  async function answer(status: number, body: string, headers: Record<string, string> = {}) {
    const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
    server = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body: data });
        res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it("sends the bearer token, and an empty JSON object as the body of a POST", async () => {
    const { url, seen } = await answer(200, '{"message":"Unlocked"}');
    await expect(callApi({ url, token: "tok-123" }, "POST", "/api/users/u1/unlock")).resolves.toEqual({ message: "Unlocked" });
    expect(seen).toMatchObject({ method: "POST", url: "/api/users/u1/unlock", body: "{}" });
    expect(seen.headers).toMatchObject({ authorization: "Bearer tok-123", "content-type": "application/json" });
  });

  it("turns an error answer into a CliError with the mapped message and the request id", async () => {
    const { url } = await answer(429, '{"error":"rate_limit_exceeded","message":"Too many requests","retry_after":30,"request_id":"req-9"}', { "retry-after": "30" });
    const err = await callApi({ url, token: "t" }, "GET", "/api/users").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe("rate limited: retry after 30 s [request req-9]");
  });

  it("refuses a 200 that is not JSON", async () => {
    const { url } = await answer(200, "<html>not the API</html>");
    await expect(callApi({ url }, "GET", "/api/users/u1")).rejects.toThrow(/not JSON/);
  });

  it("reports a refused connection as unreachable", async () => {
    const { url } = await answer(200, "{}");
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(callApi({ url, token: "t" }, "GET", "/api/users")).rejects.toThrow(new RegExp(`^unreachable: ${url} \\(ECONNREFUSED\\)$`));
  });
});
