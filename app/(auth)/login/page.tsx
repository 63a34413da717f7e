import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { StatusMessage } from "@/components/ui/status-message";
import { currentSession } from "@/lib/auth/guards";
import { ProviderButtons } from "../provider-buttons";
import { ProviderError } from "../provider-error";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<"next" | "deleted" | "error" | "provider" | "ref", string | string[] | undefined>> }) {
  if (await currentSession()) redirect("/dashboard");
  const { next, deleted, error, provider, ref } = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

  return (
    <Card>
      {deleted === "1" && (
        <div className="mb-5">
          <StatusMessage message="Your account was deleted." />
        </div>
      )}
      {one(error) && (
        <div className="mb-5">
          <ProviderError error={one(error)!} provider={one(provider)} reference={one(ref)?.slice(0, 64)} />
        </div>
      )}
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Welcome back. Sign in with your email and password.</p>
      <LoginForm next={one(next) ?? ""} />
      <ProviderButtons next={one(next) ?? ""} />
      <p className="mt-6 border-t border-slate-100 pt-4 text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/register" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </Card>
  );
}
