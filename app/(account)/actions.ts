"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { resendEmailVerification } from "@/lib/email/verification";
import { formAction } from "@/lib/forms/form-action";
import { currentSession } from "@/lib/auth/guards";
import { signOut } from "@/lib/auth/session-changes";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { contextFromHeaders } from "@/lib/http/request-context";

/** The Sign out button: the same audited sign-out as POST /api/auth/logout. */
export async function signOutAction(): Promise<never> {
  const session = await currentSession();
  if (session) await signOut(session, contextFromHeaders(await headers()));
  clearSessionCookie(await cookies());
  redirect("/login");
}

/** "Send again" on the dashboard's banner: the same limited resend as POST /api/auth/email/verify/resend. */
export const resendVerificationAction = formAction({ access: "account:use", schema: z.object({}), fields: [] }, async (_input, { ctx, session }) => {
  await resendEmailVerification(session.user.id, ctx);
  return { message: `A new link is on its way to ${session.user.email}. It works for 24 hours.` };
});
