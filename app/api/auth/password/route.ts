import { changePassword } from "@/lib/auth/change-password";
import { env } from "@/lib/env";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changePasswordSchema } from "@/lib/validation/account";

export const POST = route({ access: "account:use", body: changePasswordSchema(env.PASSWORD_POLICY) }, async ({ ctx, auth, body }) => {
  const { revoked } = await changePassword(auth.session, body.current_password, body.new_password, ctx);
  return jsonResponse({ message: "Password changed", sessions_revoked: revoked }, 200, ctx.requestId);
});
