import { FormAlert } from "@/components/ui/form-alert";
import { providerName } from "@/lib/federation/providers";

// What /login says when a provider sign-in did not end in a session: Latchkey's own codes
// (lib/federation/callback.ts, lib/federation/start.ts) and Auth.js' error types.
const MESSAGES: Record<string, (provider: string) => { title: string; detail?: string }> = {
  account_exists: (p) => ({
    title: "An account with this email already exists",
    detail: `Sign in with your password (or passkey) below, then connect ${p} in Settings → Security. We never connect accounts without asking you.`,
  }),
  no_email: (p) => ({ title: `${p} did not share an email address`, detail: "Allow access to your email address there and try again." }),
  signin_refused: (p) => ({ title: `We couldn't sign you in with ${p}`, detail: "Try again, or sign in another way." }),
  account_locked: () => ({ title: "This account is locked for a while after too many failed sign-ins", detail: "Try again later, or reset your password." }),
  rate_limit_exceeded: () => ({ title: "Too many sign-in attempts", detail: "Wait a minute and try again." }),
  provider_unavailable: (p) => ({ title: `Sign-in with ${p} isn't available right now`, detail: "Nothing changed. Try again later or sign in another way." }),
  Configuration: () => ({ title: "This sign-in option isn't available right now", detail: "Nothing changed. Try again later or sign in another way." }),
  OAuthSignInError: () => ({ title: "This sign-in option isn't available right now", detail: "Nothing changed. Try again later or sign in another way." }),
  OAuthCallbackError: () => ({ title: "Sign-in was cancelled or didn't complete", detail: "Nothing changed. Try again, or sign in another way." }),
  AccessDenied: () => ({ title: "Sign-in was cancelled or didn't complete", detail: "Nothing changed. Try again, or sign in another way." }),
  email_unverified: () => ({
    title: "Confirm your email address before signing in",
    detail: "We have sent a link to it (or did recently). Open it, then sign in again.",
  }),
  busy: () => ({ title: "We're busy right now", detail: "Try again in a moment." }),
  service_unavailable: () => ({ title: "Sign-in is unavailable for a moment", detail: "Try again in a moment." }),
};

const FALLBACK = () => ({ title: "Sign-in didn't complete", detail: "Nothing changed. Try again, or sign in another way." });

export function ProviderError({ error, provider, reference }: { error: string; provider?: string; reference?: string }) {
  const message = (MESSAGES[error] ?? FALLBACK)(provider ? providerName(provider) : "the provider");
  return (
    <FormAlert title={message.title} reference={reference}>
      {message.detail && <p className="mt-1">{message.detail}</p>}
    </FormAlert>
  );
}
