import { signOutAction } from "@/app/(account)/actions";
import { SubmitButton } from "@/components/ui/submit-button";

/** The header's "Sign out" (account and admin layouts): a form, so it works without JavaScript. */
export function SignOutForm() {
  return (
    <form action={signOutAction}>
      <SubmitButton variant="secondary" size="sm" pendingText="Signing out…" className="whitespace-nowrap">
        Sign out
      </SubmitButton>
    </form>
  );
}
