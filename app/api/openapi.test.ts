import { describe, expect, it } from "vitest";
import type { RouteHandler } from "@/lib/http/route";
import { HTTP_METHODS, OPENAPI_PATH, OPENAPI_SPEC, documentedOperations, openApiDocument, openApiPath } from "@/lib/openapi/document";
import { ROUTE_MODULES } from "@/lib/openapi/routes";

// The OpenAPI document cannot drift from the route files: every handler in
// app/api/**/route.ts is in it (with its declared answers), and it names none that is gone.
// A new route fails here until it is listed in lib/openapi/routes.ts and its spec declares
// `responses` (and `errors` for the codes its lib function throws).

const files = import.meta.glob<Record<string, unknown>>("./**/route.ts", { eager: true });

// Test and bench hooks answer 404 outside test runs; Auth.js' catch-all runs its own OAuth
// flows; /api/[...path] is the 404 for paths that are not endpoints.
const UNDOCUMENTED = /^\/api\/(test|bench)\/|^\/api\/auth\/\[\.\.\.nextauth\]$|^\/api\/\[\.\.\.path\]$/;

const routes = new Map<string, RouteHandler>();
for (const [file, mod] of Object.entries(files)) {
  const path = `/api/${file.replace(/^\.\//, "").replace(/\/?route\.ts$/, "")}`.replace(/\/$/, "");
  if (UNDOCUMENTED.test(path)) continue;
  for (const method of HTTP_METHODS) if (mod[method]) routes.set(`${method} ${path}`, mod[method] as RouteHandler);
}

const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));

describe("the OpenAPI document covers every route file", () => {
  it("finds the route files", () => {
    expect(routes.size).toBeGreaterThan(20);
  });

  it.each([...routes.keys()])("%s is in the document with its declared answers", (key) => {
    const [method, path] = key.split(" ");
    const handler = routes.get(key)!;
    expect(handler.spec, `${key} is not wrapped in route()`).toBeDefined();
    expect(documented.has(`${method} ${openApiPath(path)}`), `${key} is missing: list its module in lib/openapi/routes.ts`).toBe(true);
    const listed = path === OPENAPI_PATH ? { [method]: { spec: OPENAPI_SPEC } } : ROUTE_MODULES[path];
    expect((listed[method] as RouteHandler).spec, `lib/openapi/routes.ts lists another module for ${path}`).toBe(handler.spec);
    expect(handler.spec.responses, `${key} declares no responses in its route() spec`).toBeDefined();
    expect(handler.spec.summary, `${key} has no summary`).toBeTruthy();
  });

  it("names no operation that has no route file", () => {
    const exported = new Set([...routes.keys()].map((key) => openApiPath(key)));
    for (const key of documented) expect(exported.has(key), `${key} is in the document but no route file exports it`).toBe(true);
    expect(documentedOperations()).toHaveLength(documented.size);
  });

  it("declares every status a route's spec implies, each with a body schema", () => {
    const ops = doc.paths["/api/users/{id}"];
    expect(Object.keys(ops.patch.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "429", "500", "503"]);
    expect(Object.keys(doc.paths["/api/auth/me"].get.responses).sort()).toEqual(["200", "401", "429", "500", "503"]);
    expect(Object.keys(doc.paths["/api/ping"].get.responses).sort()).toEqual(["200", "429", "500", "503"]);
  });
});
