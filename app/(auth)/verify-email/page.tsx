import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EMAIL_TOKEN_HOURS } from "@/lib/email/verification";
import { VerifyEmailForm } from "./verify-email-form";

// "same-origin", not "no-referrer": the token in the address never leaves for another site,
// and the button's form post keeps its Origin (a no-referrer page posts "Origin: null",
// which the same-origin check refuses without JavaScript).
export const metadata: Metadata = { title: "Confirm your email address", referrer: "same-origin" };

// Opening the link changes nothing (mail scanners open links): the button below posts the
// token. Signed-in or not, the link is the proof; it may be for another account.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";

  return (
    <Card>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Confirm your email address</h1>
      {value ? (
        <>
          <p className="mt-1 text-sm text-slate-600">Press the button to confirm that this mailbox is yours. The link works once, for {EMAIL_TOKEN_HOURS} hours.</p>
          <VerifyEmailForm token={value} />
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600" role="alert">
          This page needs the link from the mail we sent you. Open the mail and use its button or link.
        </p>
      )}
      <p className="mt-6 border-t border-slate-100 pt-4 text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
