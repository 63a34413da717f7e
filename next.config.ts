import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships wasm and data files; bcrypt workers and pino load at run time from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "piscina", "pino", "bcryptjs"],
  poweredByHeader: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
