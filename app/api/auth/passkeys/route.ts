import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { registerPasskey } from "@/lib/mfa/passkeys";
import { passkeyRegisterSchema } from "@/lib/validation/mfa";

export const POST = route({ access: "account:use", body: passkeyRegisterSchema }, async ({ ctx, auth, body }) =>
  jsonResponse(await registerPasskey(auth.session, body.response as unknown as RegistrationResponseJSON, body.name, ctx), 201, ctx.requestId),
);
