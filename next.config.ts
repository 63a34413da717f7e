import type { NextConfig } from "next";
import { apiSecurityHeaders } from "./lib/security/headers";

// Answers Next gives on its own under /api/* (405 for a method a route file does not export,
// its trailing-slash redirects) pass neither proxy.ts (pages only) nor route(): they get the
// JSON security headers and no-store from here. route() and the Auth.js catch-all set the
// same on every answer of theirs (lib/http/api-headers.ts, which also adds our request id
// and HSTS on https); a handler's own header wins over these.
const apiFallbackHeaders = Object.entries({ ...apiSecurityHeaders({ https: false, production: false }), "cache-control": "no-store" }).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite ships wasm and data files; bcrypt workers and pino load at run time from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "piscina", "pino", "bcryptjs", "prom-client"],
  poweredByHeader: false,
  // Pages and assets are compressed by scripts/serve.mjs; JSON answers are not (the reasons are there).
  compress: false,
  // authInterrupts: forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { agentUpgrade: false, authInterrupts: true },
  async headers() {
    return [{ source: "/api/:path*", headers: apiFallbackHeaders }];
  },
};

export default nextConfig;
