import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth/next-path";
import { MFA_COOKIE } from "@/lib/auth/session-cookie";
import { findChallenge } from "@/lib/mfa/challenges";
import { secondFactorMethods } from "@/lib/mfa/factors";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Confirm it's you" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const token = (await cookies()).get(MFA_COOKIE)?.value ?? "";
  const challenge = await findChallenge("mfa", token);
  const methods = challenge?.userId ? await secondFactorMethods(challenge.userId) : [];

  if (!challenge) {
    return (
      <Card>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">This sign-in has expired</h1>
        <p className="mt-2 text-sm text-slate-600">The second step has to follow the password within 5 minutes.</p>
        <p className="mt-6 text-sm">
          <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Sign in again
          </Link>
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Confirm it&apos;s you</h1>
      <p className="mt-1 text-sm text-slate-600">The first step is done. Now use your second factor.</p>
      <VerifyForm next={safeNextPath(typeof next === "string" ? next : undefined)} methods={methods} />
    </Card>
  );
}
