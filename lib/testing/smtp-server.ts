import { SMTPServer } from "smtp-server";

// A real SMTP server on 127.0.0.1 for mail tests: it can be stopped (the app then meets a
// refused connection, as with a server that is down) and started again on the same port.

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function testSmtpServer(port: number, opts: { delayMs?: number } = {}): TestSmtpServer {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  return {
    port,
    received,
    start: async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, done) {
          let raw = "";
          stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
          stream.on("end", () => {
            setTimeout(() => {
              received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
              done();
            }, opts.delayMs ?? 0);
          });
        },
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, "127.0.0.1", () => resolve());
      });
    },
    stop: async () => {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds, polling; fails the test after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = "condition"): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
