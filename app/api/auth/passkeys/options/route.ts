import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { webauthnOptionsSchema } from "@/lib/openapi/schemas";
import { passkeyRegistrationOptions } from "@/lib/mfa/passkeys";

export const POST = route({ access: "account:use", recentAuth: true, summary: "WebAuthn registration options for a new passkey", responses: { 200: webauthnOptionsSchema } }, async ({ auth }) => jsonResponse(await passkeyRegistrationOptions(auth.session), 200));
