import { requireApiSession } from "@/lib/auth/guards";
import { userJson } from "@/lib/auth/responses";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const GET = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  return jsonResponse({ ...userJson(session.user), created_at: session.user.createdAt.toISOString() }, 200, ctx.requestId);
});
