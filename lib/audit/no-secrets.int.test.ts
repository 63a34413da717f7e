import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";

const { logFile } = vi.hoisted(() => {
  const logFile = `${process.env.TMPDIR ?? "/tmp"}/latchkey-log-${process.pid}-${Date.now()}.jsonl`;
  process.env.LOG_FILE = logFile;
  process.env.LOG_LEVEL = "trace";
  return { logFile };
});

import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as register } from "@/app/api/auth/register/route";
import { GET as sessions } from "@/app/api/auth/sessions/route";
import { POST as loginMfa } from "@/app/api/auth/login/mfa/route";
import { POST as recoveryCodes } from "@/app/api/auth/recovery-codes/route";
import { POST as totpStart } from "@/app/api/auth/totp/route";
import { POST as totpConfirm } from "@/app/api/auth/totp/confirm/route";
import { GET as exportUser } from "@/app/api/users/[id]/export/route";
import { settleBackgroundWork } from "@/lib/background";
import { rawClient } from "@/lib/db/client";
import { totpCodeAt, totpStep } from "@/lib/mfa/totp";
import { callRoute, randomEmail } from "@/lib/testing/http";

afterAll(() => rmSync(logFile, { force: true }));

describe("secrets never stored or logged", () => {
  it("a full journey leaves the password and every token in no table and no log line", async () => {
    const password = `Kn0wn-Secret-${crypto.randomUUID().slice(0, 8)}`;
    const email = randomEmail();
    const tokens: string[] = [];

    const reg = await callRoute(register, "/api/auth/register", { body: { email, name: "Sec", password } });
    expect(reg.status).toBe(201);
    tokens.push(reg.json.token as string);
    expect((await callRoute(login, "/api/auth/login", { body: { email, password: `${password}-wrong` } })).status).toBe(401);
    const ok = await callRoute(login, "/api/auth/login", { body: { email, password } });
    tokens.push(ok.json.token as string);
    expect((await callRoute(me, "/api/auth/me", { token: tokens[1] })).status).toBe(200);
    expect((await callRoute(sessions, "/api/auth/sessions", { token: tokens[1] })).status).toBe(200);
    const ref = await callRoute(refresh, "/api/auth/refresh", { method: "POST", token: tokens[1] });
    tokens.push(ref.json.token as string);
    // Second factors: the TOTP secret, its codes, recovery codes and the mfa_token.
    const secrets: string[] = [];
    const start = await callRoute(totpStart, "/api/auth/totp", { method: "POST", token: tokens[2] });
    const secret = start.json.secret as string;
    const confirmed = await callRoute(totpConfirm, "/api/auth/totp/confirm", { body: { code: totpCodeAt(secret, totpStep()) }, token: tokens[2] });
    const codes = confirmed.json.recovery_codes as string[];
    const fresh = await callRoute(recoveryCodes, "/api/auth/recovery-codes", { method: "POST", token: tokens[2] });
    const newCodes = fresh.json.recovery_codes as string[];
    expect(newCodes).toHaveLength(10);
    const first = await callRoute(login, "/api/auth/login", { body: { email, password } });
    const mfaToken = first.json.mfa_token as string;
    const wrongCode = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: mfaToken, recovery_code: codes[0] } });
    expect(wrongCode.status).toBe(401);
    const second = await callRoute(loginMfa, "/api/auth/login/mfa", { body: { mfa_token: mfaToken, recovery_code: newCodes[1] } });
    expect(second.status).toBe(200);
    tokens.push(second.json.token as string);
    const exported = await callRoute(exportUser, `/api/users/${(reg.json.user as { id: string }).id}/export`, { token: tokens[3], params: { id: (reg.json.user as { id: string }).id } });
    expect(exported.status).toBe(200);
    expect(exported.json.second_factors).toMatchObject({ totp: { enabled: true }, recovery_codes: { remaining: 9 } });
    await settleBackgroundWork();
    secrets.push(secret, mfaToken, ...codes, ...newCodes, ...codes.map((c) => c.replace("-", "")));
    for (const s of secrets) expect(exported.text.includes(s)).toBe(false);

    expect((await callRoute(logout, "/api/auth/logout", { method: "POST", token: tokens[2] })).status).toBe(200);
    // A 500 path too: an unknown error must not echo the request either.
    expect((await callRoute(login, "/api/auth/login", { rawBody: `{"email":"${email}","password":"${password}"`, headers: { "content-type": "application/json" } })).status).toBe(400);

    const db = rawClient();
    const { rows: tables } = await db.query({
      text: `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    });
    expect(tables.length).toBeGreaterThanOrEqual(8);
    let dump = "";
    for (const { table_name } of tables as { table_name: string }[]) {
      const { rows } = await db.query({ text: `SELECT row_to_json(t)::text AS j FROM "${table_name}" t` });
      dump += (rows as { j: string }[]).map((r) => r.j).join("\n");
    }
    expect(dump).toContain(email);
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain('"event":"login"');
    // One JSON object per line with SPEC 8's fields; audit events carry their request and user.
    const lines = log.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of lines) {
      expect(line).toMatchObject({ timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: expect.any(String), service: "latchkey", message: expect.any(String) });
    }
    const signedIn = lines.find((l) => l.event === "login" && l.outcome === "success");
    expect(signedIn).toMatchObject({ request_id: expect.any(String), user_id: expect.any(String), level: "info", message: "audit login success" });
    for (const secret of [password, ...tokens, ...secrets]) {
      expect(secret.length).toBeGreaterThanOrEqual(10);
      expect(dump.includes(secret)).toBe(false);
      expect(log.includes(secret)).toBe(false);
    }
    expect(log.includes(email)).toBe(false);
  });
});
