import { describe, expect, it } from "vitest";
import { decryptBody, encryptBody, isEncryptedBody, mailBodyKey } from "./body-crypto";

const key = mailBodyKey("unit-test-secret-0123456789abcdef0123");
const body = "Reset your password: https://auth.example.test/reset-password?token=abc";

describe("mail body encryption", () => {
  it("round-trips and hides the link", () => {
    const stored = encryptBody(body, "a@example.test", key);
    expect(isEncryptedBody(stored)).toBe(true);
    expect(stored).not.toContain("reset-password");
    expect(decryptBody(stored, "a@example.test", key)).toBe(body);
    expect(encryptBody(body, "a@example.test", key)).not.toBe(stored); // fresh IV each time
  });

  it("refuses another secret, another recipient and an altered body", () => {
    const stored = encryptBody(body, "a@example.test", key);
    expect(() => decryptBody(stored, "a@example.test", mailBodyKey("another-secret-0123456789abcdef0123456"))).toThrow();
    expect(() => decryptBody(stored, "b@example.test", key)).toThrow();
    const altered = stored.slice(0, -2) + (stored.endsWith("A") ? "BB" : "AA");
    expect(() => decryptBody(altered, "a@example.test", key)).toThrow();
  });

  it("reads plain text from before the queue and erased bodies as they are", () => {
    expect(decryptBody("plain old outbox text", "a@example.test", key)).toBe("plain old outbox text");
    expect(encryptBody("", "a@example.test", key)).toBe("");
    expect(decryptBody("", "a@example.test", key)).toBe("");
  });
});
