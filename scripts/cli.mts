#!/usr/bin/env -S npx tsx --conditions=react-server
// Latchkey CLI: `npm run cli -- <command>`. Bootstrap commands (users create, users
// set-role) open the database directly: PostgreSQL any time, the embedded database only
// while the app is stopped (it refuses otherwise). `health` talks to a running instance.
import { Command, Option } from "commander";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";

const program = new Command("latchkey").description("Operate a Latchkey instance").showHelpAfterError();

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let data = "";
    for await (const chunk of process.stdin) data += chunk;
    return data.replace(/\r?\n$/, "");
  }
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
  .addOption(new Option("--role <role>", "role").choices(["user", "support", "admin"]).default("user"))
  .option("--password-stdin", "read the password from standard input")
  .action(async (opts: { email: string; name: string; role: "user" | "support" | "admin"; passwordStdin?: boolean }) => {
    const password = await readPassword(Boolean(opts.passwordStdin));
    try {
      const user = await withDatabase(async () => {
        const { createUserWithRole } = await import("@/lib/users/create-user");
        return createUserWithRole({ email: opts.email, name: opts.name, password, role: opts.role }, cliContext());
      });
      console.log(`created ${user.role} ${user.email} (${user.id})`);
    } catch (err) {
      fail(err);
    }
  });

users
  .command("set-role")
  .description("Change a user's role")
  .requiredOption("--email <email>", "email address")
  .addOption(new Option("--role <role>", "role").choices(["user", "support", "admin"]).makeOptionMandatory())
  .action(async (opts: { email: string; role: "user" | "support" | "admin" }) => {
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

program
  .command("health")
  .description("Check a running instance; exit 0 when healthy, 1 when degraded or unreachable")
  .option("--url <url>", "base URL of the instance", "http://localhost:3000")
  .action(async (opts: { url: string }) => {
    try {
      const res = await fetch(new URL("/api/health", opts.url));
      const body = (await res.json()) as { status: string; version: string; uptime_s: number; checks: { database: { status: string; latency_ms: number } } };
      console.log(`${body.status} — version ${body.version}, up ${body.uptime_s} s, database ${body.checks.database.status} (${body.checks.database.latency_ms} ms)`);
      process.exit(res.ok && body.status === "ok" ? 0 : 1);
    } catch (err) {
      console.error(`unreachable: ${(err as Error).message}`);
      process.exit(1);
    }
  });

await program.parseAsync();
