// A second app instance's mail worker, as its own process (tests on PostgreSQL: two
// instances, one database). Run with tsx --conditions=react-server; the environment
// (DATABASE_URL, SMTP_URL, AUTH_SECRET) is the parent's. Prints "ready"; SIGTERM stops it
// after the send in flight, then it exits 0.
import { closeDatabase, ensureDatabase } from "@/lib/db/client";
import { closeMailer } from "@/lib/mail/transport";
import { startMailWorker } from "@/lib/mail/worker";

await ensureDatabase();
const worker = startMailWorker({ pollMs: 50 });
const keepAlive = setInterval(() => {}, 1000);
process.stdout.write("ready\n");
process.on("SIGTERM", async () => {
  await worker.stop();
  clearInterval(keepAlive);
  await closeMailer();
  await closeDatabase();
  process.exit(0);
});
