import { NextResponse } from "next/server";
import { disconnectAccount } from "@/lib/federation/accounts";
import { route } from "@/lib/http/route";

// Connecting is a browser flow (Settings → Security runs the provider's sign-in); this
// disconnects, refused with 409 last_sign_in_method when nothing else would sign the user in.
export const DELETE = route(
  { access: "account:use", recentAuth: true, summary: "Disconnect a sign-in provider", params: ["provider"], responses: { 204: null }, errors: ["not_found", "last_sign_in_method"] },
  async ({ ctx, auth, params }) => {
    await disconnectAccount(auth.session.user.id, params.provider, ctx);
    return new NextResponse(null, { status: 204 });
  },
);
