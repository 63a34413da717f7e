"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { roleNeedsSecondFactor } from "@/lib/auth/permissions";
import { setMfaCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { isSecondFactorRequired, signInWithPassword } from "@/lib/auth/sign-in";
import { formAction } from "@/lib/forms/form-action";
import { formText, type ActionState } from "@/lib/forms/form-state";
import { loginSchema } from "@/lib/validation/auth";

export type LoginFormState = ActionState<"email" | "password">;

// Whatever sign-in refuses with (wrong credentials, busy, lockout, rate limit) shows as the
// form's message, written for the user; it never says which part was wrong. A right
// password for an account with a second factor goes on to /login/verify; staff who need a
// factor and have none are sent to set one up first.
export const signInAction = formAction(
  { access: "public", schema: loginSchema, fields: ["email", "password"], echo: ["email"] },
  async (input, { ctx, data }) => {
    const result = await signInWithPassword(input, ctx);
    const next = safeNextPath(formText(data, "next"));
    const jar = await cookies();
    if (isSecondFactorRequired(result)) {
      setMfaCookie(jar, result.mfaToken, result.expires);
      redirect(`/login/verify?next=${encodeURIComponent(next)}`);
    }
    setSessionCookie(jar, result.token);
    redirect(roleNeedsSecondFactor(result.user.role) ? "/settings/security?required=1" : next);
  },
);
