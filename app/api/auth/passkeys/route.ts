import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { passkeyCreatedSchema } from "@/lib/openapi/schemas";
import { registerPasskey } from "@/lib/mfa/passkeys";
import { passkeyRegisterSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", summary: "Store the passkey the browser created", body: passkeyRegisterSchema, responses: { 201: passkeyCreatedSchema } }, async ({ ctx, auth, body }) =>
  jsonResponse(await registerPasskey(auth.session, body.response as unknown as RegistrationResponseJSON, body.name, ctx), 201),
);
