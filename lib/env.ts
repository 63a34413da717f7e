import "server-only";
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";

// The one place that reads process.env. Validated once; a bad value stops the process with
// a message naming the variable.
const bool = z
  .enum(["0", "1", "true", "false"])
  .transform((v) => v === "1" || v === "true");
const int = (def: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

/** "points/seconds", e.g. "5/60" = 5 per minute. */
const limit = (def: string) =>
  z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like "<points>/<seconds>", e.g. "5/60"')
    .default(def)
    .transform((v) => {
      const [points, duration] = v.split("/").map(Number);
      return { points, duration };
    });

/** A setting that may be left empty in .env (empty = not set). */
const optionalText = <T extends z.ZodType<string>>(inner: T) => z.union([z.literal("").transform(() => undefined), inner]).optional();

/** Comma-separated seconds, e.g. "60,300" = retry after 1 min, then after 5 min. */
const secondsList = (def: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated seconds, e.g. "60,300,1800"')
    .default(def)
    .transform((v) => v.split(",").map(Number));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave unset for the embedded database)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  DATABASE_POOL_MAX: int(10, 1, 1000),
  DATABASE_CONNECT_TIMEOUT_MS: int(5000, 100, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(15_000, 100, 3_600_000),
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SECURE_COOKIES: bool.optional(),
  SESSION_IDLE_TIMEOUT_S: int(1800, 60),
  SESSION_ABSOLUTE_TIMEOUT_S: int(7 * 24 * 3600, 60),
  SESSION_TOUCH_INTERVAL_S: int(60, 0),
  BCRYPT_COST: int(12, 10, 15),
  PASSWORD_POLICY: z.enum(["default", "nist"]).default("default"),
  HASH_POOL_SIZE: z.coerce.number().int().min(1).max(64).optional(),
  HASH_POOL_MAX_QUEUE: int(64, 0),
  HASH_WORKER_NICE: int(10, 0, 19),
  TRUST_PROXY: int(0, 0, 10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional(),
  RATE_LIMITS_ENABLED: bool.default(true),
  RATE_LIMIT_LOGIN_IP: limit("5/60"),
  RATE_LIMIT_LOGIN_EMAIL: limit("10/3600"),
  RATE_LIMIT_LOGIN_EMAIL_GLOBAL: limit("50/3600"),
  RATE_LIMIT_API_IP: limit("100/60"),
  RATE_LIMIT_REGISTER_IP: limit("10/3600"),
  RATE_LIMIT_REGISTER_EMAIL: limit("3/3600"),
  RATE_LIMIT_FORGOT_IP: limit("10/3600"),
  RATE_LIMIT_FORGOT_EMAIL: limit("3/3600"),
  RATE_LIMIT_FORGOT_EMAIL_GLOBAL: limit("10/3600"),
  LOCKOUT_THRESHOLD: int(5, 1),
  LOCKOUT_WINDOW_S: int(900, 1),
  LOCKOUT_DURATION_S: int(1800, 1),
  RATE_LIMIT_MFA_IP: limit("10/60"),
  /** Verification and email-change links a signed-in user may ask for, per user and per IP. */
  RATE_LIMIT_VERIFY_MAIL_USER: limit("3/3600"),
  RATE_LIMIT_VERIFY_MAIL_IP: limit("10/3600"),
  /** A right password for an account whose address is not verified is refused (403 email_unverified). */
  REQUIRE_VERIFIED_EMAIL: bool.default(false),
  /** Roles whose staff powers need a session with a second factor; "" = nobody. */
  MFA_REQUIRED_ROLES: z
    .string()
    .default("admin,support")
    .transform((v) => v.split(",").map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(Role, { error: "must list roles among user, support, admin" }))),
  /** How recent an authentication the sensitive actions need. */
  REAUTH_MAX_AGE_S: int(600, 30),
  REAUTH_MAX_FAILURES: int(5, 1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FILE: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).default("Latchkey <no-reply@localhost>"),
  MAIL_RETRY_SCHEDULE_S: secondsList("60,300,1800,7200,21600"),
  MAIL_POLL_INTERVAL_MS: int(5000, 50, 3_600_000),
  MAIL_LEASE_S: int(120, 60, 3600),
  E2E_TEST_HOOKS: bool.default(false),
  BENCH_HOOKS: bool.default(false),
  REQUEST_LOG_SIZE: int(50_000, 100, 1_000_000),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  MAX_BODY_BYTES: int(16 * 1024, 256),
  SHUTDOWN_GRACE_S: int(10, 0, 3600),
  HTTP_HEADERS_TIMEOUT_MS: int(15_000, 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: int(30_000, 100, 3_600_000),
  // Federated sign-in (SPEC 11): a provider is on when its client id is set.
  OIDC_ISSUER: optionalText(z.url()),
  OIDC_CLIENT_ID: optionalText(z.string()),
  OIDC_CLIENT_SECRET: optionalText(z.string()),
  OIDC_NAME: z.string().min(1).max(40).default("your company"),
  OIDC_SCOPES: z.string().regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, "must be space-separated scopes").default("openid email profile"),
  GITHUB_CLIENT_ID: optionalText(z.string()),
  GITHUB_CLIENT_SECRET: optionalText(z.string()),
  GOOGLE_CLIENT_ID: optionalText(z.string()),
  GOOGLE_CLIENT_SECRET: optionalText(z.string()),
});

export type Env = z.infer<typeof schema>;

/** A provider's settings come in pairs: half a configuration is an error, not a hidden button. */
const PROVIDER_SETTINGS: [string, (keyof Env)[]][] = [
  ["OIDC", ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]],
  ["GITHUB", ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"]],
  ["GOOGLE", ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"]],
];

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  for (const [name, keys] of PROVIDER_SETTINGS) {
    const missing = keys.filter((k) => !env[k]);
    if (missing.length > 0 && missing.length < keys.length) {
      throw new Error(`Invalid configuration:\n  ${missing.join(", ")}: required with the other ${name}_ settings`);
    }
  }
  if (env.E2E_TEST_HOOKS && !isLocalSetup(env)) {
    throw new Error("Invalid configuration:\n  E2E_TEST_HOOKS: test hooks are only allowed with a local database and a localhost APP_URL");
  }
  if (env.HTTP_REQUEST_TIMEOUT_MS < env.HTTP_HEADERS_TIMEOUT_MS) {
    throw new Error("Invalid configuration:\n  HTTP_REQUEST_TIMEOUT_MS: must not be shorter than HTTP_HEADERS_TIMEOUT_MS");
  }
  if (env.DATABASE_URL && env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new Error("Invalid configuration:\n  AUTH_SECRET: required when DATABASE_URL is set in production");
  }
  return env;
}

/** Test hooks must never reach a real deployment: only a local database and a localhost URL qualify. */
function isLocalSetup(e: Env): boolean {
  const local = (host: string) => ["localhost", "127.0.0.1", "[::1]"].includes(host);
  const dbLocal = !e.DATABASE_URL || local(new URL(e.DATABASE_URL).hostname);
  return dbLocal && local(new URL(e.APP_URL).hostname);
}

export const env: Env = loadEnv();

export const isEmbeddedDatabase = !env.DATABASE_URL;
export const useSecureCookies = env.SECURE_COOKIES ?? env.APP_URL.startsWith("https://");
