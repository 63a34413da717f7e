import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
// next-auth imports "next/server" without an extension; inlining lets Vite resolve it.
const server = { deps: { inline: ["next-auth", "@auth/core"] } };

const alias = {
  "@": root,
  // `server-only` throws outside Next's server bundles; the tests are server code.
  "server-only": path.resolve(root, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,app,components}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          server,
          setupFiles: ["lib/testing/setup-unit.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,app}/**/*.int.test.ts"],
          environment: "node",
          server,
          setupFiles: ["lib/testing/setup-integration.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file is its own process with its own in-memory PGlite (or shares PostgreSQL).
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});
