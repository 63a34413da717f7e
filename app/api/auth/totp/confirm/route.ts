import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { recoveryCodesSchema } from "@/lib/openapi/schemas";
import { confirmTotpEnrolment } from "@/lib/mfa/enrolment";
import { totpConfirmSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", summary: "Turn the pending authenticator app on with a code; answers the 10 recovery codes", body: totpConfirmSchema, responses: { 200: recoveryCodesSchema }, errors: ["invalid_code"], statusOf: { invalid_code: 400 } }, async ({ ctx, auth, body }) =>
  jsonResponse({ recovery_codes: await confirmTotpEnrolment(auth.session, body.code, ctx) }, 200),
);
