/**
 * An address shown to someone who should learn that it exists but not what it is (the old
 * mailbox of an email change): the first character of the local part and the whole domain,
 * "j***@example.com".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}
