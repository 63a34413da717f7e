// Prints the OpenAPI document (GET /api/openapi.json) without starting the server, for the
// linter in scripts/test-all.sh and for client generators: `npx tsx scripts/openapi.mts > openapi.json`.
import Module from "node:module";
import path from "node:path";

// The route modules import "server-only", which throws outside Next's server bundles; this
// script is server code, so it gets the same empty stub as the tests.
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = (request, ...rest) => (request === "server-only" ? path.resolve(import.meta.dirname, "../lib/testing/server-only-stub.ts") : resolve(request, ...rest));

const { openApiDocument } = await import("@/lib/openapi/document");
process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
process.exit(0);
