"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { MFA_COOKIE, clearMfaCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { countSignIn } from "@/lib/auth/sign-in";
import { formAction } from "@/lib/forms/form-action";
import { formText, type ActionState } from "@/lib/forms/form-state";
import { signInWithSecondFactor } from "@/lib/mfa/mfa-sign-in";
import { verifyFormSchema } from "@/lib/validation/mfa";

export type VerifyFormState = ActionState<"code" | "recovery_code">;

/** The second step in the browser: the mfa_token from the first step's cookie, and a code. */
export const verifyCodeAction = formAction(
  { access: "public", schema: verifyFormSchema, fields: ["code", "recovery_code"], errorFields: { invalid_code: "code" } },
  async (input, { ctx, data }) => {
    const jar = await cookies();
    const mfaToken = jar.get(MFA_COOKIE)?.value ?? "";
    const code = input.code.replace(/\s/g, "");
    const signedIn = await countSignIn(() =>
      signInWithSecondFactor(code ? { mfa_token: mfaToken, code } : { mfa_token: mfaToken, recovery_code: input.recovery_code }, ctx),
    );
    clearMfaCookie(jar);
    setSessionCookie(jar, signedIn.token);
    redirect(safeNextPath(formText(data, "next")));
  },
);
