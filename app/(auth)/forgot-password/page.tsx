import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { RESET_TOKEN_MINUTES } from "@/lib/auth/password-reset";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <Card>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Forgot your password?</h1>
      <p className="mt-1 text-sm text-slate-600">
        Enter the email you signed up with. We will send you a link to choose a new password; it works once, for{" "}
        {RESET_TOKEN_MINUTES} minutes.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 border-t border-slate-100 pt-4 text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
