// TCP ports that are free on 127.0.0.1 right now, chosen by the OS (listen on port 0).
// Test and benchmark harnesses use them instead of random numbers, which collide.
// As a script it prints N distinct ports, one per line: `node scripts/free-port.mjs [N]`.
import net from "node:net";
import { pathToFileURL } from "node:url";

/** `count` distinct free ports: all are held open together, so none repeats. */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", resolve);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve()))));
  }
}

export async function freePort() {
  const [port] = await freePorts(1);
  return port;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // No top-level await: the test runners load this module with require().
  freePorts(Number(process.argv[2] ?? 1)).then((ports) => console.log(ports.join("\n")));
}
