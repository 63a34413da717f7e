import "server-only";
import { env } from "@/lib/env";
import { passwordProblems } from "@/lib/validation/auth";
import { isCommonPassword } from "./common-passwords";

/** Server-side check of a new password: the shared rules plus the common-password blocklist. */
export function checkNewPassword(password: string, personal: { email?: string; name?: string | null }): string | null {
  const [problem] = passwordProblems(password, env.PASSWORD_POLICY);
  if (problem) return problem;
  const lower = password.trim().toLowerCase();
  if (lower === personal.email?.trim().toLowerCase() || lower === personal.name?.trim().toLowerCase()) {
    return "Password must not be your email or name";
  }
  if (isCommonPassword(password)) return "This password is too common; choose another";
  return null;
}
