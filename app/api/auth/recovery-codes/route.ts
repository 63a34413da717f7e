import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { recoveryCodesSchema } from "@/lib/openapi/schemas";
import { regenerateRecoveryCodes } from "@/lib/mfa/enrolment";

export const POST = route({ access: "account:use", recentAuth: true, summary: "A new set of 10 recovery codes; the old set stops working", responses: { 200: recoveryCodesSchema } }, async ({ ctx, auth }) =>
  jsonResponse({ recovery_codes: await regenerateRecoveryCodes(auth.session, ctx) }, 200),
);
