import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { factorSummary } from "@/lib/mfa/factors";

export const GET = route({ access: "account:use" }, async ({ ctx, auth }) => jsonResponse(await factorSummary(auth.session.user.id), 200, ctx.requestId));
