import { changePassword } from "@/lib/auth/change-password";
import { requireApiSession } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changePasswordSchema } from "@/lib/validation/account";

export const POST = route(async (req, ctx) => {
  const { session } = await requireApiSession(req);
  const body = await readJson(req, changePasswordSchema(env.PASSWORD_POLICY));
  const { revoked } = await changePassword(session, body.current_password, body.new_password, ctx);
  return jsonResponse({ message: "Password changed", sessions_revoked: revoked }, 200, ctx.requestId);
});
