import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { passkeyRegistrationOptions } from "@/lib/mfa/passkeys";

export const POST = route({ access: "account:use", recentAuth: true }, async ({ ctx, auth }) => jsonResponse(await passkeyRegistrationOptions(auth.session), 200, ctx.requestId));
