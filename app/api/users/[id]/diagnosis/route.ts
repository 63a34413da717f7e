import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getProfile } from "@/lib/users/account";
import { factorSummary } from "@/lib/mfa/factors";
import { diagnoseSignIn } from "@/lib/users/diagnose";
import { diagnosisSchema } from "@/lib/openapi/schemas";

/** "Why can't they sign in?" for support: what blocks sign-in now, each with its remedy, and the user's second factors (the console's panel; `cli inspect`). */
export const GET = route({ access: "users:read", summary: "Why can't they sign in? What blocks it now, with remedies", params: ["id"], responses: { 200: diagnosisSchema }, errors: ["not_found"] }, async ({ params: { id } }) => {
  await getProfile(id);
  const [blockers, factors] = await Promise.all([diagnoseSignIn(id), factorSummary(id)]);
  return jsonResponse({ blockers, factors }, 200);
});
