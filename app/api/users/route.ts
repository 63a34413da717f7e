import { assertRole } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { readQuery } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchUsers, userSearchSchema } from "@/lib/users/search";

export const GET = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  assertRole(session, "support", "admin");
  return jsonResponse(await searchUsers(readQuery(req, userSearchSchema)), 200, ctx.requestId);
});
