import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { confirmTotpEnrolment } from "@/lib/mfa/enrolment";
import { totpConfirmSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", body: totpConfirmSchema }, async ({ ctx, auth, body }) =>
  jsonResponse({ recovery_codes: await confirmTotpEnrolment(auth.session, body.code, ctx) }, 200, ctx.requestId),
);
