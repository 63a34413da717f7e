import { changePassword } from "@/lib/auth/change-password";
import { env } from "@/lib/env";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changePasswordSchema } from "@/lib/validation/account";
import { passwordChangedSchema } from "@/lib/openapi/schemas";

export const POST = route({ access: "account:use", summary: "Change the password; other sessions end", body: changePasswordSchema(env.PASSWORD_POLICY), responses: { 200: passwordChangedSchema }, errors: ["busy"] }, async ({ ctx, auth, body }) => {
  const { revoked } = await changePassword(auth.session, body.current_password, body.new_password, ctx);
  return jsonResponse({ message: "Password changed", sessions_revoked: revoked }, 200);
});
