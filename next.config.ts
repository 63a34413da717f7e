import type { NextConfig } from "next";

// JSON security headers for the answers Next gives on its own under /api/* (its 405s, its
// trailing-slash redirects) are set by scripts/serve.mjs (lib/http/api-headers.ts API_FALLBACK_HEADERS):
// a headers() rule here did the same at the cost of a path match on every request.
const nextConfig: NextConfig = {
  // PGlite ships wasm and data files; bcrypt workers and pino load at run time from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "piscina", "pino", "bcryptjs", "prom-client"],
  poweredByHeader: false,
  // Pages and assets are compressed by scripts/serve.mjs; JSON answers are not (the reasons are there).
  compress: false,
  // authInterrupts: forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { agentUpgrade: false, authInterrupts: true },
};

export default nextConfig;
