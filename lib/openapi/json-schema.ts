import { z } from "zod";

export type JsonSchema = Record<string, unknown>;
/** components.schemas, filled as schemas with an `id` (`.meta({ id })`) are met. */
export type SchemaSink = Record<string, JsonSchema>;

const DEFS = "#/$defs/";
const COMPONENTS = "#/components/schemas/";

/**
 * A zod schema as OpenAPI 3.1 Schema Object (JSON Schema 2020-12), with zod 4's own
 * converter. Named schemas become components and are referenced; request bodies and queries
 * are described as sent (`io: "input"`: defaults, coercions), answers as produced. The long
 * regular expression zod adds to ISO date-times is dropped (`format: date-time` says it), and
 * so are the safe-integer bounds of `.int()`.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output", sink: SchemaSink): JsonSchema {
  const out = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
      // z.number().int() is bounded to the safe integers; that says nothing to a reader.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as JsonSchema;
  const { $schema: _drop, $defs, ...root } = out;
  void _drop;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) sink[id] ??= relink(def);
  return relink(root);
}

function relink(s: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(s).replaceAll(`"$ref":"${DEFS}`, `"$ref":"${COMPONENTS}`));
}
