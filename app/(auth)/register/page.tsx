import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { currentSession } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { ProviderButtons } from "../provider-buttons";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function RegisterPage() {
  if (await currentSession()) redirect("/dashboard");

  return (
    <Card>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Create your account</h1>
      <p className="mt-1 text-sm text-slate-600">It takes a minute. You will be signed in straight away.</p>
      <RegisterForm policy={env.PASSWORD_POLICY} />
      <ProviderButtons verb="Sign up" />
      <p className="mt-6 border-t border-slate-100 pt-4 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in instead
        </Link>
      </p>
    </Card>
  );
}
