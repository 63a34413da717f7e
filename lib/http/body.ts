import type { z } from "zod";
import { env } from "@/lib/env";
import { ApiError, notFound, validationError } from "./errors";
import { urlRefusal } from "./url-rules";

/** Field-name -> first message, for 400 bodies and form errors. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Reads a JSON body: 415 for another content type, 413 when too large, 400 when malformed or invalid. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json(\s*;|$)/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readLimited(req, env.MAX_BODY_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ApiError("invalid_json", "The body must be a JSON object");
  }
  const nul = pathWithNul(data);
  if (nul !== null) throw validationError({ [nul || "body"]: "must not contain NUL" });
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(fieldErrors(parsed.error));
  return parsed.data;
}

/** The dotted path of the first string (or key) holding U+0000, or null: PostgreSQL cannot store it in text. */
function pathWithNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes("\u0000")) return path || "body";
    const found = pathWithNul(v, here);
    if (found !== null) return found;
  }
  return null;
}

/** The URL rule (url-rules.ts) for the JSON API: 400 validation_error naming the path or the query key. */
export function assertUrl(req: Request): void {
  // Without a percent sign a URL's path decodes as it is and nothing in it can be NUL (a raw
  // NUL never reaches a handler): the common case skips parsing the URL again.
  if (!req.url.includes("%")) return;
  const refusal = urlRefusal(new URL(req.url));
  if (refusal) throw new ApiError("validation_error", refusal.message, { fields: refusal.fields });
}

/** Path ids with a NUL name nothing (and PostgreSQL refuses them in text): 404 before any lookup. */
export function assertPathParams(params: Record<string, string> | undefined): void {
  for (const value of Object.values(params ?? {})) if (typeof value === "string" && value.includes("\u0000")) throw notFound();
}

/** Reads query parameters with a schema (empty values dropped, unknown ones ignored); 400 naming the field. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    if (v.includes("\u0000")) throw validationError({ [k]: `${k} must not contain NUL` });
    if (v !== "") raw[k] = v;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(fieldErrors(parsed.error));
  return parsed.data;
}

async function readLimited(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (limit: number) =>
  new ApiError("payload_too_large", `The body must be at most ${limit} bytes`);
