import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getProfile } from "@/lib/users/account";
import { diagnoseSignIn } from "@/lib/users/diagnose";

/** "Why can't they sign in?" for support: what blocks sign-in now, each with its remedy (the console's panel; `cli inspect`). */
export const GET = route({ access: "users:read", params: ["id"] }, async ({ ctx, params: { id } }) => {
  await getProfile(id);
  return jsonResponse({ blockers: await diagnoseSignIn(id) }, 200, ctx.requestId);
});
