import { userJson } from "@/lib/auth/sessions";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { meSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: "account:use", summary: "The signed-in user", responses: { 200: meSchema } }, async ({ auth: { session } }) =>
  jsonResponse({ ...userJson(session.user), created_at: session.user.createdAt.toISOString() }, 200),
);
