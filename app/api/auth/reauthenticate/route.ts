import { reauthenticate } from "@/lib/auth/step-up";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { reauthenticatedSchema } from "@/lib/openapi/schemas";
import { reauthenticateSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", summary: "Prove it is you again (password or code): the session's recent-auth time becomes now", body: reauthenticateSchema, responses: { 200: reauthenticatedSchema }, errors: ["invalid_credentials", "invalid_code"] }, async ({ ctx, auth, body }) => {
  await reauthenticate(auth.session, body, ctx);
  return jsonResponse({ message: "Confirmed", authenticated_at: new Date().toISOString() }, 200);
});
