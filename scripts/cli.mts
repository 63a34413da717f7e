#!/usr/bin/env -S npx tsx --conditions=react-server
// Latchkey CLI: `npm run cli -- <command>`. Bootstrap commands (users create, users
// set-role) and `prune` open the database directly: PostgreSQL any time, the embedded
// database only while the app is stopped (it refuses otherwise). `health`, `inspect`,
// `unlock`, `revoke-sessions`, `metrics` and `debug` talk to a running instance over HTTP
// and never open the database.
import { Command, InvalidArgumentError, Option } from "commander";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { formatInspection } from "@/lib/cli/format-inspection";
import { CliError, DEFAULT_URL, NOT_SIGNED_IN, fetchInstance, type Instance } from "@/lib/cli/http-client";
import { fetchSummary, fetchTrace, formatSummary, formatTrace } from "@/lib/cli/operations";
import { inspectUser, resolveUserId, revokeUserSessions, sendVerification, unlockUser, type UserRef } from "@/lib/cli/staff-api";
import { Role } from "@/lib/generated/prisma/enums";

// The CLI reports for itself on stdout; the app's JSON log lines only when asked for
// (LOG_LEVEL=info). Set before any lib module reads the configuration: those are imported
// lazily, in the commands.
process.env.LOG_LEVEL ??= "warn";

const program = new Command("latchkey").description("Operate a Latchkey instance").showHelpAfterError();

async function readStdin(): Promise<string> {
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data;
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return (await readStdin()).replace(/\r?\n$/, "");
  // Prompt without echoing what is typed.
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write("Password: ");
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stderr.write("\n");
  return answer;
}

async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  const { ensureDatabase, closeDatabase } = await import("@/lib/db/client");
  try {
    await ensureDatabase();
    return await work();
  } finally {
    const { settleBackgroundWork } = await import("@/lib/background");
    await settleBackgroundWork();
    await closeDatabase();
  }
}

const cliContext = () => ({ requestId: `cli-${Date.now()}`, ip: "cli", userAgent: "latchkey-cli" });

function fail(err: unknown): never {
  const e = err as { message?: string; extra?: { fields?: Record<string, string> } };
  const fields = e.extra?.fields ? Object.entries(e.extra.fields).map(([k, v]) => `  ${k}: ${v}`).join("\n") : "";
  console.error(`error: ${e.message ?? String(err)}${fields ? `\n${fields}` : ""}`);
  process.exit(1);
}

const users = program.command("users").description("Manage users directly in the database");

users
  .command("create")
  .description("Create a user with a role (e.g. the first admin). Prompts for the password, or reads it from stdin.")
  .requiredOption("--email <email>", "email address")
  .requiredOption("--name <name>", "display name")
  .addOption(new Option("--role <role>", "role").choices(Object.values(Role)).default("user"))
  .option("--password-stdin", "read the password from standard input")
  .action(async (opts: { email: string; name: string; role: Role; passwordStdin?: boolean }) => {
    const password = await readPassword(Boolean(opts.passwordStdin));
    try {
      const user = await withDatabase(async () => {
        const { createUserWithRole } = await import("@/lib/users/create-user");
        return createUserWithRole({ email: opts.email, name: opts.name, password, role: opts.role }, cliContext());
      });
      console.log(`created ${user.role} ${user.email} (${user.id})`);
      if (user.role !== "user") console.log("At their first sign-in they are asked to set up a second factor: staff powers need one (MFA_REQUIRED_ROLES).");
    } catch (err) {
      fail(err);
    }
  });

users
  .command("set-role")
  .description("Change a user's role")
  .requiredOption("--email <email>", "email address")
  .addOption(new Option("--role <role>", "role").choices(Object.values(Role)).makeOptionMandatory())
  .action(async (opts: { email: string; role: Role }) => {
    try {
      await withDatabase(async () => {
        const { prisma } = await import("@/lib/db/client");
        const { changeRole } = await import("@/lib/users/account");
        const user = await prisma().user.findUnique({ where: { email: opts.email.trim().toLowerCase() }, select: { id: true } });
        if (!user) throw new Error(`no user with email ${opts.email}`);
        await changeRole(user.id, opts.role, "cli", cliContext());
      });
      console.log(`${opts.email} is now ${opts.role}`);
    } catch (err) {
      fail(err);
    }
  });

const days = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of days, at least 1`);
  return n;
};

program
  .command("prune")
  .description("Delete expired sessions, reset tokens and rate-limit counters, old mail, and audit events past retention")
  .addOption(new Option("--audit-days <days>", "keep audit events this many days").argParser(days("--audit-days")).default(365))
  .addOption(new Option("--mail-days <days>", "keep mail records this many days").argParser(days("--mail-days")).default(30))
  .action(async (opts: { auditDays: number; mailDays: number }) => {
    try {
      const result = await withDatabase(async () => {
        const { prune } = await import("@/lib/ops/prune");
        return prune({ auditRetentionDays: opts.auditDays, mailRetentionDays: opts.mailDays }, cliContext());
      });
      console.log(
        Object.entries(result)
          .map(([what, n]) => `${what.replace(/_/g, " ")}: ${n}`)
          .join(", "),
      );
    } catch (err) {
      fail(err);
    }
  });

const urlOption = () => new Option("--url <url>", "base URL of the instance").default(DEFAULT_URL);

program
  .command("health")
  .description("Check a running instance; exit 0 when healthy, 1 when degraded or unreachable")
  .addOption(urlOption())
  .action(async (opts: { url: string }) => {
    try {
      const res = await fetchInstance(opts.url, "/api/health");
      const body = (await res.json().catch(() => {
        throw new CliError(`unexpected answer: HTTP ${res.status} without a health report (is --url a Latchkey instance?)`);
      })) as { status: string; version: string; uptime_s: number; checks: { database: { status: string; latency_ms: number } } };
      console.log(`${body.status} — version ${body.version}, up ${body.uptime_s} s, database ${body.checks.database.status} (${body.checks.database.latency_ms} ms)`);
      process.exit(res.ok && body.status === "ok" ? 0 : 1);
    } catch (err) {
      fail(err);
    }
  });

/**
 * The staff bearer token, from LATCHKEY_TOKEN or standard input. Never from a flag:
 * command-line arguments are readable by every local user (ps, /proc/<pid>/cmdline) and
 * land in shell history. This entry point, not lib/env.ts (the server's configuration),
 * reads the CLI's own variable.
 */
async function readToken(fromStdin: boolean): Promise<string> {
  const token = (fromStdin ? await readStdin() : (process.env.LATCHKEY_TOKEN ?? "")).trim();
  if (!token) throw new CliError(NOT_SIGNED_IN);
  return token;
}

interface StaffOptions {
  userId?: string;
  email?: string;
  url: string;
  tokenStdin?: boolean;
  json?: boolean;
}

/** A command about one user, run against a running instance with a support or admin token. */
function staffCommand(name: string, description: string, work: (instance: Instance, id: string, ref: UserRef, opts: StaffOptions) => Promise<void>) {
  const command = program
    .command(name)
    .description(description)
    .addOption(new Option("--user-id <id>", "the user's id").conflicts("email"))
    .option("--email <email>", "the user's email (exact match, any case)")
    .addOption(urlOption())
    .option("--token-stdin", "read the staff token from standard input instead of LATCHKEY_TOKEN");
  command.action(async (opts: StaffOptions) => {
    const ref: UserRef | null = opts.userId ? { userId: opts.userId } : opts.email ? { email: opts.email } : null;
    if (!ref) command.error("error: give --user-id or --email");
    try {
      const instance = { url: opts.url, token: await readToken(Boolean(opts.tokenStdin)) };
      await work(instance, await resolveUserId(instance, ref), ref, opts);
    } catch (err) {
      fail(err);
    }
  });
  return command;
}

const label = (ref: UserRef, id: string) => ("email" in ref ? `${ref.email} (${id})` : id);

staffCommand("inspect", "Show a user's profile, status, active sessions and recent activity", async (instance, id, _ref, opts) => {
  const inspection = await inspectUser(instance, id);
  console.log(opts.json ? JSON.stringify(inspection, null, 2) : formatInspection(inspection));
}).option("--json", "print the JSON the API answered instead of text");

staffCommand("unlock", "Clear a user's sign-in lockout and per-email sign-in limit", async (instance, id, ref) => {
  await unlockUser(instance, id);
  console.log(`unlocked ${label(ref, id)}`);
});

staffCommand("send-verification", "Mail a user a new link to verify their email address", async (instance, id, ref) => {
  await sendVerification(instance, id);
  console.log(`verification link sent to ${label(ref, id)}`);
});

staffCommand("revoke-sessions", "Sign a user out everywhere: delete all their sessions", async (instance, id, ref) => {
  const revoked = await revokeUserSessions(instance, id);
  console.log(`revoked ${revoked} session${revoked === 1 ? "" : "s"} of ${label(ref, id)}`);
});

program
  .command("metrics")
  .description("This instance's JSON API traffic over a recent period: totals, success rate, p50/p95/p99, errors, top endpoints (admin token or METRICS_TOKEN)")
  .addOption(new Option("--last <period>", 'period such as "15m", "1h" or "90s", at most 24h').default("1h"))
  .addOption(urlOption())
  .option("--token-stdin", "read the token from standard input instead of LATCHKEY_TOKEN")
  .option("--json", "print the JSON the API answered instead of text")
  .action(async (opts: { last: string; url: string; tokenStdin?: boolean; json?: boolean }) => {
    try {
      const instance = { url: opts.url, token: await readToken(Boolean(opts.tokenStdin)) };
      const summary = await fetchSummary(instance, opts.last);
      console.log(opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, opts.last));
    } catch (err) {
      fail(err);
    }
  });

program
  .command("debug")
  .description("The steps of one request, by its id (X-Request-Id, the reference users see), with timings (support or admin token)")
  .requiredOption("--trace-request <id>", "the request id")
  .addOption(urlOption())
  .option("--token-stdin", "read the token from standard input instead of LATCHKEY_TOKEN")
  .option("--json", "print the JSON the API answered instead of text")
  .action(async (opts: { traceRequest: string; url: string; tokenStdin?: boolean; json?: boolean }) => {
    try {
      const instance = { url: opts.url, token: await readToken(Boolean(opts.tokenStdin)) };
      const trace = await fetchTrace(instance, opts.traceRequest);
      console.log(opts.json ? JSON.stringify(trace, null, 2) : formatTrace(trace));
    } catch (err) {
      fail(err);
    }
  });

await program.parseAsync();
