import { reauthenticate } from "@/lib/auth/step-up";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { reauthenticateSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", body: reauthenticateSchema }, async ({ ctx, auth, body }) => {
  await reauthenticate(auth.session, body, ctx);
  return jsonResponse({ message: "Confirmed", authenticated_at: new Date().toISOString() }, 200, ctx.requestId);
});
