import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs, one line per event. Never pass passwords or tokens; hash emails
// (see hashEmail in lib/audit) before logging them.
export const log = pino(
  {
  level: env.LOG_LEVEL,
  base: { service: "latchkey" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "passwordHash", "*.passwordHash", "authorization", "*.authorization", "cookie", "*.cookie"],
    censor: "[redacted]",
  },
  },
  env.LOG_FILE ? pino.destination({ dest: env.LOG_FILE, sync: true, mkdir: true }) : undefined,
);
