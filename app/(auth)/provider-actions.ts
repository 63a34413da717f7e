"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { configuredProviders } from "@/lib/federation/providers";
import { startProviderFlow } from "@/lib/federation/start";
import { formText } from "@/lib/forms/form-state";
import { contextFromHeaders } from "@/lib/http/request-context";

/** "Continue with <provider>" on /login and /register: off to the provider. */
export async function startProviderSignInAction(data: FormData): Promise<void> {
  const ctx = contextFromHeaders(await headers());
  const provider = configuredProviders().find((p) => p.id === formText(data, "provider"));
  if (!provider) redirect(`/login?error=signin_refused&ref=${ctx.requestId}`);
  await startProviderFlow(provider.id, safeNextPath(formText(data, "next")), ctx, "/login");
}
