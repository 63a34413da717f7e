"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import QRCode from "qrcode";
import { z } from "zod";
import { safeNextPath } from "@/lib/auth/next-path";
import { setFederationIntentCookie } from "@/lib/auth/session-cookie";
import { disconnectAccount } from "@/lib/federation/accounts";
import { PROVIDER_IDS, configuredProviders, providerName } from "@/lib/federation/providers";
import { startProviderFlow } from "@/lib/federation/start";
import { formAction } from "@/lib/forms/form-action";
import { notFound } from "@/lib/http/errors";
import { issueChallenge } from "@/lib/mfa/challenges";
import type { ActionState } from "@/lib/forms/form-state";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/mfa/enrolment";
import { removePasskey } from "@/lib/mfa/passkeys";
import { totpConfirmSchema } from "@/lib/validation/mfa";

// Settings → Security: the same lib functions as /api/auth/totp, /recovery-codes and
// /passkeys/{id}; adding or removing a factor and new codes need a recent authentication,
// which these forms can give inline (reauth_password, reauth_code).

export type SecurityFormState = ActionState<"code" | "passkeyId" | "provider" | "from" | "reauth_password">;

const nothing = z.object({});
const refresh = () => revalidatePath("/settings/security");

export const startTotpAction = formAction({ access: "account:use", recentAuth: true, schema: nothing, fields: [] }, async (_input, { session }) => {
  const { secret, otpauth_url } = await startTotpEnrolment(session);
  const qr = await QRCode.toString(otpauth_url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { message: "Scan the QR code with your authenticator app, then enter the code it shows.", data: { secret, qr } };
});

export const confirmTotpAction = formAction(
  { access: "account:use", schema: totpConfirmSchema, fields: ["code"], errorFields: { invalid_code: "code" } },
  async ({ code }, { ctx, session }) => {
    const recoveryCodes = await confirmTotpEnrolment(session, code, ctx);
    refresh();
    return { message: "Your authenticator app is set up. Save your recovery codes now: they are shown only once.", data: { recoveryCodes } };
  },
);

export const disableTotpAction = formAction({ access: "account:use", recentAuth: true, schema: nothing, fields: [] }, async (_input, { ctx, session }) => {
  await disableTotp(session, ctx);
  refresh();
  return { message: "Your authenticator app was removed." };
});

export const regenerateCodesAction = formAction({ access: "account:use", recentAuth: true, schema: nothing, fields: [] }, async (_input, { ctx, session }) => {
  const recoveryCodes = await regenerateRecoveryCodes(session, ctx);
  refresh();
  return { message: "New recovery codes: the old ones no longer work. Save these now: they are shown only once.", data: { recoveryCodes } };
});

export const removePasskeyAction = formAction(
  { access: "account:use", recentAuth: true, schema: z.object({ passkeyId: z.string().min(1).max(64) }), fields: ["passkeyId"], messageFromFields: true },
  async ({ passkeyId }, { ctx, session }) => {
    await removePasskey(session, passkeyId, ctx);
    refresh();
    return { message: "Passkey removed." };
  },
);

const providerSchema = z.object({ provider: z.enum(PROVIDER_IDS, { error: "Choose a provider" }) });

// Connecting runs the provider's flow while signed in: the intent (bound to this user, 10
// minutes) travels in its own cookie, and the callback connects instead of signing in.
export const connectProviderAction = formAction(
  { access: "account:use", recentAuth: true, schema: providerSchema, fields: ["provider"], messageFromFields: true },
  async ({ provider }, { ctx, session }) => {
    if (!configuredProviders().some((p) => p.id === provider)) throw notFound("Provider");
    const { token, expires } = await issueChallenge("federation_link", { userId: session.user.id });
    setFederationIntentCookie(await cookies(), token, expires);
    await startProviderFlow(provider, "/settings/security", ctx, "/settings/security");
  },
);

export const disconnectProviderAction = formAction(
  { access: "account:use", recentAuth: true, schema: providerSchema, fields: ["provider"], messageFromFields: true },
  async ({ provider }, { ctx, session }) => {
    await disconnectAccount(session.user.id, provider, ctx);
    refresh();
    return { message: `${providerName(provider)} disconnected.` };
  },
);

// "Confirm with <provider>" for users without a password: the provider's flow proves them
// again, then the callback marks this session recently authenticated and comes back.
export const reauthWithProviderAction = formAction(
  { access: "account:use", schema: providerSchema.extend({ from: z.string().max(200) }), fields: ["provider", "from"], messageFromFields: true },
  async ({ provider, from }, { ctx, session }) => {
    if (!configuredProviders().some((p) => p.id === provider)) throw notFound("Provider");
    const back = safeNextPath(from);
    const { token, expires } = await issueChallenge("federation_reauth", { userId: session.user.id, challenge: back });
    setFederationIntentCookie(await cookies(), token, expires);
    await startProviderFlow(provider, back, ctx, back, { freshLogin: true });
  },
);
