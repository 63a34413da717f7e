import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { RESET_TOKEN_MINUTES, isResetTokenUsable } from "@/lib/auth/password-reset";
import { env } from "@/lib/env";
import { ResetPasswordForm } from "./reset-password-form";

// "same-origin", not "no-referrer": the token in the address still never leaves for another
// site, and the form's post keeps its Origin (a no-referrer page posts "Origin: null", which
// the same-origin check refuses: the form would fail without JavaScript).
export const metadata: Metadata = { title: "Choose a new password", referrer: "same-origin" };

// Signed-in visitors are not sent away: a reset link may be for another account, and using
// it signs this browser in to that one.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  if (!value || !(await isResetTokenUsable(value))) return <InvalidLink />;

  return (
    <Card>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">
        You will be signed in on this browser, and every other session of your account will be signed out.
      </p>
      <ResetPasswordForm token={value} policy={env.PASSWORD_POLICY} />
    </Card>
  );
}

function InvalidLink() {
  return (
    <Card>
      <div role="alert" data-testid="reset-link-invalid">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">This link is invalid or expired</h1>
        <p className="mt-2 text-sm text-slate-600">
          Reset links work once, for {RESET_TOKEN_MINUTES} minutes, and only the latest one you asked for. Ask for a new
          one and use it straight away.
        </p>
      </div>
      <Link
        href="/forgot-password"
        className="mt-6 inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:text-base"
      >
        Request a new link
      </Link>
      <p className="mt-6 border-t border-slate-100 pt-4 text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
