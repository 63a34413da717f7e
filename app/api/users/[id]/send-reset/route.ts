import { assertRole } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { sendResetLink } from "@/lib/users/staff-actions";

// Staff send the user a reset link (the mail goes to the user, never to the caller).
export const POST = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertRole(session, "support", "admin");
  await sendResetLink(id, session.user.id, ctx);
  return jsonResponse({ message: "Reset link sent" }, 202, ctx.requestId);
});
