import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { factorSummarySchema } from "@/lib/openapi/schemas";
import { factorSummary } from "@/lib/mfa/factors";

export const GET = route({ access: "account:use", summary: "Your second factors: authenticator app, passkeys, recovery codes left", responses: { 200: factorSummarySchema } }, async ({ auth }) => jsonResponse(await factorSummary(auth.session.user.id), 200));
