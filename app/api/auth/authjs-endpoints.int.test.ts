import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";

const { logFile } = vi.hoisted(() => {
  const logFile = `${process.env.TMPDIR ?? "/tmp"}/latchkey-authjs-log-${process.pid}-${Date.now()}.jsonl`;
  process.env.LOG_FILE = logFile;
  process.env.LOG_LEVEL = "info";
  process.env.RATE_LIMIT_API_IP = "3/60";
  return { logFile };
});

import { GET as authjsGet, POST as authjsPost } from "@/app/api/auth/[...nextauth]/route";
import { callRoute, randomIp } from "@/lib/testing/http";
import { createTestUser } from "@/lib/testing/users";

afterAll(() => rmSync(logFile, { force: true }));

describe("Auth.js' own endpoints", () => {
  it("count /api/auth/session and /api/auth/csrf against the /api/* per-IP limit", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/session", "/api/auth/csrf"]) {
      statuses.push((await callRoute(authjsGet, path, { headers: { "x-forwarded-for": ip } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("GET /api/auth/session does not rewrite the session cookie to expire with the idle timeout", async () => {
    const user = await createTestUser();
    const res = await callRoute(authjsGet, "/api/auth/session", { cookie: `authjs.session-token=${user.token}` });
    expect(res.status).toBe(200);
    expect((res.json.user as { email: string }).email).toBe(user.email);
    expect(res.cookies.filter((c) => c.startsWith("authjs.session-token="))).toEqual([]);
  });

  it("log an anonymous signin/<x> or callback/<x> as one JSON line without a stack trace", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const path of ["/api/auth/signin/nope", "/api/auth/callback/nope"]) {
      const get = await callRoute(authjsGet, path);
      expect(get.status).toBeLessThan(500);
      const post = await callRoute(authjsPost, path, { method: "POST", rawBody: "x=1", headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" } });
      expect(post.status).toBeLessThan(500);
    }
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const lines = readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { message: string; context?: Record<string, unknown> });
    const authjs = lines.filter((l) => l.message.startsWith("auth.js"));
    expect(authjs.length).toBeGreaterThan(0);
    for (const l of authjs) expect(JSON.stringify(l)).not.toMatch(/\n\s+at |stack/);
  });
});
