import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { OPENAPI_SPEC, openApiDocument } from "@/lib/openapi/document";

/** This API described (OpenAPI 3.1), built from the routes' own specs; people read it at /docs/api. */
export const GET = route(OPENAPI_SPEC, async () => jsonResponse(openApiDocument(), 200));
