import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { openApiDocument, OPENAPI_PATH } from "@/lib/openapi/document";
import { SchemaView, Text, TypeLabel, schemaAnchor, type Schema } from "./schema-view";

export const metadata: Metadata = { title: "API reference" };

// GET /api/openapi.json for people: rendered on the server from the same document, so it
// ships no script of its own (nothing for the CSP to allow) and works by keyboard as plain
// links and headings. Public, like the document.

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: Schema;
  description?: string;
}
interface Response {
  description: string;
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: unknown[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
  "x-permission": string;
}
interface Document {
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHOD_TONE = { get: "info", post: "success", patch: "warning", put: "warning", delete: "danger" } as const;

export default function ApiReferencePage() {
  const doc = openApiDocument() as unknown as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  const tags = doc.tags.filter((t) => operations.some((o) => o.op.tags.includes(t.name)));
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <header>
        <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
        <p className="mt-1 text-sm text-slate-600">Version {doc.info.version} · OpenAPI 3.1</p>
        <p className="mt-3 max-w-3xl text-sm text-slate-700">
          <Text>{doc.info.description}</Text>
        </p>
        <p className="mt-3 text-sm">
          Machine-readable:{" "}
          <a href={OPENAPI_PATH} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
            {OPENAPI_PATH}
          </a>
          . Generate a typed client with <code className="rounded bg-slate-100 px-1">npx openapi-typescript {"<this site>"}{OPENAPI_PATH} -o latchkey.d.ts</code>.
        </p>
      </header>

      <nav aria-label="Endpoints" className="mt-6 rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">Endpoints</h2>
        <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`} className="text-indigo-700 underline-offset-2 hover:underline">
                <span className="font-mono uppercase">{method}</span> <span className="font-mono">{path}</span>
              </a>
            </li>
          ))}
          <li>
            <a href="#schemas" className="text-indigo-700 underline-offset-2 hover:underline">
              Schemas
            </a>
          </li>
        </ul>
      </nav>

      <div>
        {tags.map((tag) => (
          <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="mt-10">
            <h2 id={`tag-${tag.name}`} className="text-xl font-semibold capitalize">
              {tag.name}
            </h2>
            <p className="text-sm text-slate-600">{tag.description}</p>
            {operations
              .filter((o) => o.op.tags.includes(tag.name))
              .map(({ path, method, op }) => (
                <OperationView key={op.operationId} path={path} method={method} op={op} />
              ))}
          </section>
        ))}

        <section aria-labelledby="schemas" className="mt-12">
          <h2 id="schemas" className="text-xl font-semibold">
            Schemas
          </h2>
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <article key={name} aria-labelledby={schemaAnchor(name)} className="mt-4 rounded-xl border border-slate-200 bg-white p-4">
              <h3 id={schemaAnchor(name)} className="font-mono font-semibold">
                {name}
              </h3>
              {schema.description && (
                <p className="mb-2 text-sm text-slate-600">
                  <Text>{schema.description}</Text>
                </p>
              )}
              <SchemaView schema={schema} />
            </article>
          ))}
        </section>
      </div>
    </main>
  );
}

function OperationView({ path, method, op }: { path: string; method: string; op: Operation }) {
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <article aria-labelledby={op.operationId} className="mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h3 id={op.operationId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <Badge tone={METHOD_TONE[method as keyof typeof METHOD_TONE] ?? "neutral"} className="font-mono uppercase">
          {method}
        </Badge>
        <span className="font-mono">{path}</span>
      </h3>
      <p className="mt-1 text-sm text-slate-900">{op.summary}</p>
      <p className="mt-1 text-sm text-slate-700">
        <span className="font-medium">Who:</span> <Text>{op.description}</Text>
        {op.security.length > 0 && " Send the session as a bearer token or the session cookie."}
      </p>

      {op.parameters.length > 0 && (
        <>
          <h4 className="mt-4 text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <span className="font-mono">{p.name}</span> <span className="text-slate-600">({p.in}{p.required ? ", required" : ""})</span>: <TypeLabel schema={p.schema} />
                {p.schema.default !== undefined && <span className="text-slate-600"> · default {JSON.stringify(p.schema.default)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {body && (
        <>
          <h4 className="mt-4 text-sm font-semibold">Request body (application/json{op.requestBody?.required ? "" : ", optional"})</h4>
          <div className="mt-1">
            <SchemaView schema={body} />
          </div>
        </>
      )}

      <h4 className="mt-4 text-sm font-semibold">Responses</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {Object.entries(op.responses).map(([status, res]) => {
          const [type, media] = Object.entries(res.content ?? {})[0] ?? [];
          return (
            <li key={status}>
              <span className="font-mono font-semibold">{status}</span> <Text>{res.description}</Text>
              {media && (
                <span className="text-slate-600">
                  {" "}
                  · {type === "application/json" ? <TypeLabel schema={media.schema.allOf?.[0] ?? media.schema} /> : type}
                </span>
              )}
              {res.headers?.["Retry-After"] ? <span className="text-slate-600"> · Retry-After header</span> : null}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
