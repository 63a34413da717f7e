import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

// The CLI's HTTP commands as an operator runs them: a child process against the production
// server this suite started (which holds the embedded database), with a staff token.

const ROOT = path.resolve(__dirname, "..");
const NOT_SIGNED_IN = "not signed in: set LATCHKEY_TOKEN to a support or admin token";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cli.mts <args> --url <baseURL>` with LATCHKEY_TOKEN set to `token` (unset when
 * undefined) and `stdin` as input. Checks on every run that the token shows nowhere.
 */
function cli(baseURL: string, args: string[], { token, stdin = "" }: { token?: string; stdin?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete env.LATCHKEY_TOKEN;
  if (token !== undefined) env.LATCHKEY_TOKEN = token;
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/cli.mts", ...args, "--url", baseURL], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => {
      const secret = token ?? stdin.trim();
      if (secret) expect(stdout + stderr, "the token leaked into the output").not.toContain(secret);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

const meStatus = async (request: APIRequestContext, token: string) =>
  (await request.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status();

test("inspect by email prints the profile, status and active sessions; --json gives the same as JSON", async ({ baseURL, user, supportAccount }) => {
  const text = await cli(baseURL!, ["inspect", "--email", user.email.toUpperCase()], { token: supportAccount.sessionToken });
  expect(text.stderr).toBe("");
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`${user.name} <${user.email}>`);
  expect(text.stdout).toMatch(/^ {2}role +user$/m);
  expect(text.stdout).toMatch(/^ {2}status +active$/m);
  expect(text.stdout).toContain("Active sessions (1)");
  expect(text.stdout).toMatch(/^ {2}\S.* +127\.0\.0\.1 +.*UTC +(just now|\d+ minutes? ago)$/m);
  expect(text.stdout).toMatch(/Recent activity[\s\S]*Registered an account/);

  const json = await cli(baseURL!, ["inspect", "--email", user.email, "--json"], { token: supportAccount.sessionToken });
  expect(json.code).toBe(0);
  const inspection = JSON.parse(json.stdout);
  expect(inspection.user).toMatchObject({ email: user.email, name: user.name, role: "user", is_active: true });
  expect(inspection.sessions).toHaveLength(1);
  expect(inspection.blockers).toEqual([expect.objectContaining({ kind: "none" })]);
  expect(inspection.sessions[0]).toMatchObject({ ip_address: "127.0.0.1" });
  expect(inspection.recent_activity.events.map((e: { type: string }) => e.type)).toContain("register");

  const byId = await cli(baseURL!, ["inspect", "--user-id", inspection.user.id, "--json"], { token: supportAccount.sessionToken });
  expect(byId.code).toBe(0);
  expect(JSON.parse(byId.stdout).user.email).toBe(user.email);
});

test("unlock lets a user locked out after five failed sign-ins sign in again", async ({ baseURL, api, user, supportAccount }) => {
  for (let i = 0; i < 5; i++) expect((await api.post("/api/auth/login", { email: user.email, password: `wrong-${i}-Password!` })).status()).toBe(401);
  const locked = await api.post("/api/auth/login", { email: user.email, password: user.password });
  expect(locked.status()).toBe(403);
  expect((await locked.json()).error).toBe("account_locked");

  const before = await cli(baseURL!, ["inspect", "--email", user.email], { token: supportAccount.sessionToken });
  expect(before.stdout).toMatch(/^ {2}status +locked until .* UTC$/m);
  expect(before.stdout).toMatch(/^Why can't they sign in\?\n {2}Locked until \d\d:\d\d UTC after 5 failed sign-ins from 1 IP/m);

  const unlock = await cli(baseURL!, ["unlock", "--email", user.email], { token: supportAccount.sessionToken });
  expect(unlock.stderr).toBe("");
  expect(unlock.code).toBe(0);
  expect(unlock.stdout).toMatch(new RegExp(`^unlocked ${user.email.replace(/\./g, "\\.")} \\(\\S+\\)$`, "m"));

  await api.login(user.email, user.password);
  const after = await cli(baseURL!, ["inspect", "--email", user.email], { token: supportAccount.sessionToken });
  expect(after.stdout).toMatch(/^ {2}status +active$/m);
  expect(after.stdout).toContain("Unlocked by staff");
});

test("revoke-sessions signs the user out everywhere (token from stdin)", async ({ baseURL, request, api, account, supportAccount }) => {
  const second = await api.login(account.user.email, account.user.password);
  expect(await meStatus(request, account.sessionToken)).toBe(200);

  const res = await cli(baseURL!, ["revoke-sessions", "--email", account.user.email, "--token-stdin"], { stdin: `${supportAccount.sessionToken}\n` });
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(res.stdout).toContain(`revoked 2 sessions of ${account.user.email}`);

  expect(await meStatus(request, account.sessionToken)).toBe(401);
  expect(await meStatus(request, second)).toBe(401);
  expect(await meStatus(request, supportAccount.sessionToken)).toBe(200);
});

test("send-verification mails the user a new link; once verified it says so and exits 1", async ({ baseURL, api, user, supportAccount }) => {
  const res = await cli(baseURL!, ["send-verification", "--email", user.email], { token: supportAccount.sessionToken });
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(new RegExp(`^verification link sent to ${user.email.replace(/\./g, "\\.")} \\(\\S+\\)$`, "m"));
  const links = (await api.outbox(user.email)).filter((m) => m.kind === "email_verification");
  expect(links).toHaveLength(2);

  const token = links[0].text.match(/verify-email\?token=([A-Za-z0-9_-]+)/)![1];
  expect((await api.post("/api/auth/email/verify", { token })).status()).toBe(200);
  const again = await cli(baseURL!, ["send-verification", "--email", user.email], { token: supportAccount.sessionToken });
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/^error: .*already verified/m);
});

test("a plain user's token is refused with the 403 message and exit 1", async ({ baseURL, account }) => {
  for (const command of ["inspect", "unlock", "revoke-sessions"]) {
    const res = await cli(baseURL!, [command, "--email", account.user.email], { token: account.sessionToken });
    expect(res.code, command).toBe(1);
    expect(res.stderr, command).toMatch(/^error: this token's user is not support or admin \[request \S+\]$/m);
    expect(res.stdout, command).toBe("");
  }
});

test("without a token, or with one the server does not know, it exits 1 with the 401 message", async ({ baseURL, user }) => {
  const none = await cli(baseURL!, ["inspect", "--email", user.email]);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain(`error: ${NOT_SIGNED_IN}`);

  const unknown = await cli(baseURL!, ["unlock", "--email", user.email], { token: `lk_${randomUUID()}` });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(new RegExp(`^error: ${NOT_SIGNED_IN} \\[request \\S+\\]$`, "m"));
});

test("an unknown email or id is no such user, exit 1", async ({ baseURL, supportAccount }) => {
  const email = await cli(baseURL!, ["inspect", "--email", `nobody-${randomUUID()}@example.test`], { token: supportAccount.sessionToken });
  expect(email.code).toBe(1);
  expect(email.stderr).toMatch(/^error: no such user$/m);

  const id = await cli(baseURL!, ["revoke-sessions", "--user-id", "no-such-user"], { token: supportAccount.sessionToken });
  expect(id.code).toBe(1);
  expect(id.stderr).toMatch(/^error: no such user \[request \S+\]$/m);
});

test("metrics --last sums up the server's recent API traffic for an admin; support is refused", async ({ baseURL, api, user, adminAccount, supportAccount }) => {
  await api.post("/api/auth/login", { email: user.email, password: `${user.password}x` });
  const text = await cli(baseURL!, ["metrics", "--last", "1h"], { token: adminAccount.sessionToken });
  expect(text.stderr).toBe("");
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^JSON API requests in the last 1h on this instance/m);
  expect(text.stdout).toMatch(/^ {2}latency +p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms$/m);
  expect(text.stdout).toMatch(/^ +\d+ +401 +POST \/api\/auth\/login$/m);
  expect(text.stdout).toMatch(/^ +\d+ +p95 [\d.]+ ms +POST \/api\/auth\/register$/m);

  const json = await cli(baseURL!, ["metrics", "--last", "15m", "--json"], { token: adminAccount.sessionToken });
  const summary = JSON.parse(json.stdout);
  expect(summary.total).toBeGreaterThan(0);
  expect(summary.by_status["401"]).toBeGreaterThan(0);

  const refused = await cli(baseURL!, ["metrics"], { token: supportAccount.sessionToken });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/not an admin/);
  const bad = await cli(baseURL!, ["metrics", "--last", "2d"], { token: adminAccount.sessionToken });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^error: Some fields are invalid \(HTTP 400 validation_error\): last: last must look like "30m", "1h" or "90s"/m);
});

test("debug --trace-request shows a request's route, status, duration and the steps it recorded", async ({ baseURL, request, user, supportAccount }) => {
  const clientId = `trace-${randomUUID()}`;
  const origin = new URL(baseURL!).origin;
  const res = await request.post("/api/auth/login", { data: { email: user.email, password: `${user.password}x` }, headers: { origin, "x-request-id": clientId } });
  expect(res.status()).toBe(401);
  // The reference is always ours; a client's X-Request-Id is only logged beside it.
  const requestId = res.headers()["x-request-id"];
  expect(requestId).not.toBe(clientId);
  expect((await res.json()).request_id).toBe(requestId);

  const out = await cli(baseURL!, ["debug", "--trace-request", requestId], { token: supportAccount.sessionToken });
  expect(out.stderr).toBe("");
  expect(out.code).toBe(0);
  expect(out.stdout).toContain(`Request ${requestId}`);
  expect(out.stdout).toMatch(/^ {2}POST \/api\/auth\/login -> 401 in [\d.]+ ms, started .* UTC$/m);
  expect(out.stdout).toMatch(/^ {2}\+ *\d+ ms {2}Sign-in failed: wrong password {2}\(127\.0\.0\.1\)$/m);

  const unknown = await cli(baseURL!, ["debug", "--trace-request", `trace-${randomUUID()}`], { token: supportAccount.sessionToken });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/^error: no such request: not in this instance/m);
});
