import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships wasm and data files; bcrypt workers and pino load at run time from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "piscina", "pino", "bcryptjs", "prom-client"],
  poweredByHeader: false,
  // authInterrupts: forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { agentUpgrade: false, authInterrupts: true },
};

export default nextConfig;
