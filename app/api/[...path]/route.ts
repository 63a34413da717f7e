import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

// Any /api/* path no other route file serves: our JSON 404 through route(), so it gets the
// same entry rules (URL rule, per-IP limit) and headers as every JSON answer. Without it
// Next would render the HTML not-found page, which proxy.ts (pages only) does not see.
const unknown = route({ access: "public", summary: "No such endpoint", errors: ["not_found"] }, async () => {
  throw notFound();
});

export const GET = unknown;
export const POST = unknown;
export const PUT = unknown;
export const PATCH = unknown;
export const DELETE = unknown;
