import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { removePasskey } from "@/lib/mfa/passkeys";

export const DELETE = route({ access: "account:use", recentAuth: true, summary: "Remove one of your passkeys", params: ["id"], responses: { 204: null }, errors: ["not_found"] }, async ({ ctx, auth, params }) => {
  await removePasskey(auth.session, params.id, ctx);
  return new NextResponse(null, { status: 204 });
});
