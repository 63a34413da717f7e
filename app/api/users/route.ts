import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchUsers, userSearchSchema } from "@/lib/users/search";

export const GET = route({ access: "users:read", query: userSearchSchema }, async ({ ctx, query }) =>
  jsonResponse(await searchUsers(query), 200, ctx.requestId),
);
