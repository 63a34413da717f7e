import type { ReactNode } from "react";

// JSON Schema (as the OpenAPI document holds it) shown for people: a type label, and for
// objects a list of their fields. Named schemas link to their entry under "Schemas".

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

export const schemaAnchor = (name: string) => `schema-${name}`;

/** The document's descriptions mark code with backticks (CommonMark); shown as <code>. */
export function Text({ children }: { children: string }) {
  return children.split(/`([^`]+)`/).map((part, i) =>
    i % 2 ? (
      <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

/** A short type: `string (date-time)`, `array of Session`, `"ok" | "degraded"`. */
export function TypeLabel({ schema }: { schema: Schema }): ReactNode {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
        {name}
      </a>
    );
  }
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return joined(union, " or ");
  if (schema.allOf) return joined(schema.allOf, " and ");
  if (schema.type === "array" && schema.items) return <>array of <TypeLabel schema={schema.items} /></>;
  if (schema.type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
    return <>map of <TypeLabel schema={schema.additionalProperties} /></>;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

function joined(parts: Schema[], by: string): ReactNode {
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 && by}
      <TypeLabel schema={part} />
    </span>
  ));
}

function constraints(s: Schema): string {
  const out: string[] = [];
  if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined) out.push(`min ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`max ${s.maximum}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out.join(", ");
}

/** The inline object inside a field (itself, its array items, or the non-null side of a nullable), if any. */
function nestedObject(field: Schema): Schema | undefined {
  return [field, field.items, ...(field.anyOf ?? [])].find((s) => s?.properties);
}

/** An object's fields as a definition list (nested objects indented), anything else as its type. */
export function SchemaView({ schema }: { schema: Schema }) {
  if (!schema.properties) {
    return (
      <p className="text-sm text-slate-700">
        <TypeLabel schema={schema} />
      </p>
    );
  }
  return (
    <dl className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
      {Object.entries(schema.properties).map(([name, field]) => (
        <div key={name} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-mono text-slate-900">
            {name}
            {schema.required?.includes(name) ? "" : <span className="text-slate-600">?</span>}
          </dt>
          <dd className="text-slate-700">
            <TypeLabel schema={field} />
            {constraints(field) && <span className="text-slate-600"> · {constraints(field)}</span>}
            {field.description && (
              <p className="text-slate-600">
                <Text>{field.description}</Text>
              </p>
            )}
            {nestedObject(field) && (
              <div className="mt-2">
                <SchemaView schema={nestedObject(field)!} />
              </div>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
