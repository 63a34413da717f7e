import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { totpEnrolmentSchema } from "@/lib/openapi/schemas";
import { disableTotp, startTotpEnrolment } from "@/lib/mfa/enrolment";

/** A pending enrolment: the secret and its otpauth:// URL; active once confirmed. */
export const POST = route({ access: "account:use", recentAuth: true, summary: "Start enrolling an authenticator app: the secret to scan (not active until confirmed)", responses: { 200: totpEnrolmentSchema }, errors: ["factor_exists"] }, async ({ auth }) => jsonResponse(await startTotpEnrolment(auth.session), 200));

export const DELETE = route({ access: "account:use", recentAuth: true, summary: "Turn the authenticator app off", responses: { 204: null }, errors: ["not_found"] }, async ({ ctx, auth }) => {
  await disableTotp(auth.session, ctx);
  return new NextResponse(null, { status: 204 });
});
