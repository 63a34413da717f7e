import { describe, expect, it } from "vitest";
import { TOTP_PERIOD_S, matchTotpStep, newTotpSecret, otpauthUrl, totpCodeAt, totpStep } from "./totp";

const STEP = 1_000_000 * TOTP_PERIOD_S * 1000; // a fixed moment, on a step boundary

describe("TOTP codes", () => {
  const secret = newTotpSecret();

  it("matches the RFC 6238 SHA-1 test vector", () => {
    // RFC 6238 appendix B: secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), T = 59 s -> 94287082 (8 digits; 6: 287082).
    expect(matchTotpStep("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287082", 59_000)).toBe(1);
  });

  it("accepts the current step and one step of drift either way, nothing further", () => {
    const now = STEP + 10_000;
    const step = totpStep(now);
    expect(matchTotpStep(secret, totpCodeAt(secret, step), now)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, step + 1), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, step - 2), now)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, step + 2), now)).toBeNull();
  });

  it("refuses anything but six digits, and tolerates spaces", () => {
    const code = totpCodeAt(secret, totpStep(STEP));
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, STEP)).toBe(totpStep(STEP));
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`]) expect(matchTotpStep(secret, bad, STEP)).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URL with the issuer, account and parameters", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = new URL(otpauthUrl(secret, "jane@example.test"));
    expect(url.protocol).toBe("otpauth:");
    expect(decodeURIComponent(url.pathname)).toContain("Latchkey:jane@example.test");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, issuer: "Latchkey", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
