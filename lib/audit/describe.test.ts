import { describe, expect, it } from "vitest";
import { auditTypeLabel, describeAuditEvent, summarizeMetadata } from "./describe";

const event = (type: string, outcome: string, metadata: unknown = null) => ({ type, outcome, metadata });

describe("describeAuditEvent", () => {
  it("says why a sign-in failed", () => {
    expect(describeAuditEvent(event("login", "failure", { reason: "wrong_password" }))).toBe("Sign-in failed: wrong password");
    expect(describeAuditEvent(event("login", "success", { sessionId: "s1" }))).toBe("Signed in");
  });

  it("tells the three kinds of session revocation apart", () => {
    expect(describeAuditEvent(event("session_revoked", "success", { sessionId: "s1" }))).toBe("One session revoked");
    expect(describeAuditEvent(event("session_revoked", "success", { all: true, count: 3 }))).toBe("All sessions revoked (3)");
    expect(describeAuditEvent(event("session_revoked", "success", { all_others: true, count: 1 }))).toBe("Signed out every other session (1)");
  });

  it("names the limit and the wait of a rate-limit hit", () => {
    expect(describeAuditEvent(event("rate_limited", "failure", { limit: "loginIp", retry_after: 42 }))).toBe(
      "Rate limit hit on sign-ins per IP; retry after 42 s",
    );
  });

  it("describes lockouts, role changes and deletions from their metadata", () => {
    expect(describeAuditEvent(event("lockout", "failure", { failures: 5, lock_s: 1800 }))).toBe("Sign-in locked after 5 failed attempts for 30 min");
    expect(describeAuditEvent(event("role_changed", "success", { from: "user", to: "support" }))).toBe("Role changed from user to support");
    expect(describeAuditEvent(event("user_deleted", "success", { self: true }))).toBe("Account deleted by its owner");
    expect(describeAuditEvent(event("user_deactivated", "success", { sessions_revoked: 1 }))).toBe("Account deactivated (1 session revoked)");
  });

  it("reads reset requests for unknown emails without naming the email", () => {
    expect(describeAuditEvent(event("password_reset_requested", "failure", { reason: "unknown_email" }))).toBe(
      "Password reset asked for an email with no account",
    );
    expect(describeAuditEvent(event("password_reset_completed", "failure", { reason: "expired" }))).toBe("Password reset failed: expired link");
  });

  it("falls back to the type in words for types it does not know", () => {
    expect(describeAuditEvent(event("mfa_enrolled", "failure", {}))).toBe("Mfa enrolled (failed)");
    expect(describeAuditEvent(event("login", "failure", "not an object"))).toBe("Sign-in failed");
  });
});

describe("auditTypeLabel", () => {
  it("labels known types and words unknown ones", () => {
    expect(auditTypeLabel("password_reset_requested")).toBe("Password reset requested");
    expect(auditTypeLabel("new_thing")).toBe("New thing");
  });
});

describe("summarizeMetadata", () => {
  it("lists keys and values in one line", () => {
    expect(summarizeMetadata({ reason: "wrong_password", fields: ["name", "email"], nested: { a: 1 } })).toBe(
      'reason: wrong_password · fields: name, email · nested: {"a":1}',
    );
  });

  it("is empty without metadata and clips long values", () => {
    expect(summarizeMetadata(null)).toBe("");
    expect(summarizeMetadata({})).toBe("");
    const long = summarizeMetadata({ note: "x".repeat(500) });
    expect(long).toHaveLength(160);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("email ownership events", () => {
  it("are described in words, staff resends and refusals told apart", () => {
    expect(describeAuditEvent({ type: "email_verification_sent", outcome: "success", metadata: { reason: "registration" } })).toBe("Verification link sent");
    expect(describeAuditEvent({ type: "email_verification_sent", outcome: "success", metadata: { reason: "staff", by_staff: true } })).toBe("Verification link sent by staff");
    expect(describeAuditEvent({ type: "email_verified", outcome: "success", metadata: null })).toBe("Email address verified with the emailed link");
    expect(describeAuditEvent({ type: "email_verified", outcome: "failure", metadata: { reason: "unknown_token" } })).toBe("Email verification failed: unknown link");
    expect(describeAuditEvent({ type: "email_change_requested", outcome: "failure", metadata: { reason: "email_taken" } })).toBe("Email change refused: email taken");
    expect(describeAuditEvent({ type: "email_changed", outcome: "success", metadata: { old: "h1:a", new: "h1:b" } })).toBe("Email address changed with the link sent to the new address");
    expect(describeAuditEvent({ type: "login", outcome: "failure", metadata: { reason: "email_unverified" } })).toBe("Sign-in failed: email unverified");
  });

  it("have labels for the dashboard's activity list", () => {
    expect(auditTypeLabel("email_changed")).toBe("Email changed");
    expect(auditTypeLabel("email_verified")).toBe("Email verified");
  });
});
