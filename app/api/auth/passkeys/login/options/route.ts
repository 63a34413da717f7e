import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { webauthnOptionsSchema } from "@/lib/openapi/schemas";
import { mfaTokenFrom } from "@/lib/auth/session-cookie";
import { passkeyLoginOptions } from "@/lib/mfa/passkeys";
import { passkeyLoginOptionsSchema } from "@/lib/validation/mfa";

/** Options for navigator.credentials.get(): any passkey of this site, or (with the first step's mfa_token, in the body or the browser's cookie) that user's. */
export const POST = route({ access: "public", summary: "WebAuthn authentication options: any passkey of this site, or the mfa_token user's", body: passkeyLoginOptionsSchema, responses: { 200: webauthnOptionsSchema }, errors: ["invalid_mfa_token", "account_locked"] }, async ({ req, ctx, body }) =>
  jsonResponse(await passkeyLoginOptions(ctx, mfaTokenFrom(req, body)), 200),
);
