import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { regenerateRecoveryCodes } from "@/lib/mfa/enrolment";

export const POST = route({ access: "account:use", recentAuth: true }, async ({ ctx, auth }) =>
  jsonResponse({ recovery_codes: await regenerateRecoveryCodes(auth.session, ctx) }, 200, ctx.requestId),
);
