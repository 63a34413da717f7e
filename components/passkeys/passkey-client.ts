"use client";

import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";

// The browser's half of the passkey ceremonies, over the JSON API (same origin, cookies).

export interface ApiFailure {
  error: string;
  message: string;
  request_id?: string;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw json as ApiFailure;
  return json as T;
}

/** A cancelled or refused ceremony in words; API failures keep their message. */
export function describePasskeyError(err: unknown): ApiFailure {
  if (err && typeof err === "object" && "error" in err && "message" in err) return err as ApiFailure;
  const name = err instanceof Error ? err.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return { error: "cancelled", message: "The passkey request was cancelled or timed out." };
  return { error: "passkey_failed", message: "This browser could not use a passkey here." };
}

/** Signs in with a passkey: alone, or as the second factor of the sign-in in progress (its cookie). */
export async function signInWithPasskey(opts: { secondFactor?: boolean; autofill?: boolean } = {}): Promise<void> {
  const extra = opts.secondFactor ? { second_factor: true } : {};
  const optionsJSON = await post<PublicKeyCredentialRequestOptionsJSON>("/api/auth/passkeys/login/options", extra);
  const response = await startAuthentication({ optionsJSON, useBrowserAutofill: opts.autofill ?? false });
  await post("/api/auth/passkeys/login", { response, ...extra });
}

/** Registers a new passkey for the signed-in user under a name. */
export async function registerPasskey(name: string): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialCreationOptionsJSON>("/api/auth/passkeys/options", {});
  const response = await startRegistration({ optionsJSON });
  await post("/api/auth/passkeys", { response, name });
}

export async function reauthenticateWithPassword(password: string): Promise<void> {
  await post("/api/auth/reauthenticate", { password });
}
