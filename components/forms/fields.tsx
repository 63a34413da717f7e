"use client";

import { PasswordStrength, passwordRulesText } from "@/components/password-strength";
import { TextField, type TextFieldProps } from "@/components/ui/text-field";
import type { PasswordPolicy } from "@/lib/validation/auth";

// Fields that several forms share, with the attributes that make them work well with
// password managers, mobile keyboards and screen readers.

type FieldProps = Omit<TextFieldProps, "label" | "type" | "children"> & { label?: string };

export function EmailField({ label = "Email", ...props }: FieldProps) {
  return <TextField label={label} type="email" autoComplete="email" inputMode="email" autoCapitalize="none" spellCheck={false} {...props} />;
}

/** A new password with the policy's rules and the live strength hint (#password-strength). */
export function NewPasswordField({
  label = "New password",
  policy,
  password,
  userInputs,
  ...props
}: FieldProps & { policy: PasswordPolicy; password: string; userInputs: string[] }) {
  return (
    <TextField label={label} type="password" autoComplete="new-password" hint={passwordRulesText(policy)} describedBy="password-strength" {...props}>
      <PasswordStrength password={password} policy={policy} userInputs={userInputs} />
    </TextField>
  );
}
