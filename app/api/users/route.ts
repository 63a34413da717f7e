import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchUsers, userSearchSchema } from "@/lib/users/search";
import { userSearchResultSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: "users:read", summary: "Search users by email or name, with filters, paginated", query: userSearchSchema, responses: { 200: userSearchResultSchema } }, async ({ query }) =>
  jsonResponse(await searchUsers(query), 200),
);
