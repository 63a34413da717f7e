import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { disableTotp, startTotpEnrolment } from "@/lib/mfa/enrolment";

/** A pending enrolment: the secret and its otpauth:// URL; active once confirmed. */
export const POST = route({ access: "account:use", recentAuth: true }, async ({ ctx, auth }) => jsonResponse(await startTotpEnrolment(auth.session), 200, ctx.requestId));

export const DELETE = route({ access: "account:use", recentAuth: true }, async ({ ctx, auth }) => {
  await disableTotp(auth.session, ctx);
  return new NextResponse(null, { status: 204 });
});
