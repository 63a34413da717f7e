import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs, one line per event, with SPEC 8's field names: timestamp, level
// (a word), service, request_id, user_id, message, context. Never pass passwords or tokens;
// hash emails (see hashEmail in lib/audit) before logging them.
export const log = pino(
  {
  level: env.LOG_LEVEL,
  base: { service: "latchkey" },
  messageKey: "message",
  timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "passwordHash", "*.passwordHash", "authorization", "*.authorization", "cookie", "*.cookie"],
    censor: "[redacted]",
  },
  },
  env.LOG_FILE ? pino.destination({ dest: env.LOG_FILE, sync: true, mkdir: true }) : undefined,
);
