"use client";

import { TextField } from "@/components/ui/text-field";

/** Shown in a form whose action said "confirm it's you": the password goes with the next post. */
export function ReauthFields({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-3">
      <TextField label="Your password" name="reauth_password" type="password" autoComplete="current-password" hint="It has been a while since you signed in: confirm it's you to go on." autoFocus />
    </div>
  );
}
