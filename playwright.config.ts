import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// End-to-end journeys against the production build (`next build` must have run:
// scripts/test-all.sh builds first) served by scripts/serve.mjs, the server `npm start`
// runs, on a fresh embedded database.

const PORT = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: WebAuthn refuses an IP address as relying party id, and the
// passkey journeys need one (APP_URL below gives it). The server still listens on 127.0.0.1.
const BASE_URL = `http://localhost:${PORT}`;
// The OpenID Connect provider the federated sign-in journeys use (e2e/support/oidc-provider.mjs).
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 1);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
// A second app the provider also knows (e2e/federation.spec.ts starts it with a wrong secret).
export const SPARE_APP_PORT = Number(process.env.E2E_SPARE_PORT ?? PORT + 2);
// Deleted and recreated at every start: the server's embedded database and auth secret.
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `latchkey-e2e-${PORT}`);

// Debian's chromium when there is one (Playwright cannot download browsers here); else
// Playwright's own browser, on machines that installed it.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const JSON_REPORT = process.env.PLAYWRIGHT_JSON_OUTPUT_FILE;

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: JSON_REPORT ? [["list"], ["json", { outputFile: JSON_REPORT }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: "exec node e2e/support/oidc-provider.mjs",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { OIDC_PORT: String(OIDC_PORT), APP_URL: BASE_URL, OIDC_EXTRA_APP_URL: `http://127.0.0.1:${SPARE_APP_PORT}` },
    },
    {
    // `exec` so that the server is the process Playwright stops, not a shell around it.
    command: `rm -rf "${DATA_DIR}" && exec node scripts/serve.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      APP_URL: BASE_URL,
      DATABASE_URL: "",
      PGLITE_DIR: path.join(DATA_DIR, "pglite"),
      // The minimum cost the app accepts: journeys sign in often; the hashing path is the same.
      BCRYPT_COST: "10",
      LOG_LEVEL: "warn",
      // Every journey comes from 127.0.0.1: per-IP limits sized for real clients would
      // refuse the suite. Per-email limits and lockout stay as configured.
      RATE_LIMIT_LOGIN_IP: "1000/60",
      RATE_LIMIT_REGISTER_IP: "1000/3600",
      RATE_LIMIT_API_IP: "10000/60",
      // Journeys read the mail the app "sent" at /api/test/outbox.
      E2E_TEST_HOOKS: "1",
      OIDC_ISSUER,
      OIDC_CLIENT_ID: "latchkey-e2e",
      OIDC_CLIENT_SECRET: "e2e-client-secret-not-for-production",
      OIDC_NAME: "Test IdP",
    },
    },
  ],
});
