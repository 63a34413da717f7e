import { describe, expect, it } from "vitest";
import { maskEmail } from "./mask";

describe("maskEmail", () => {
  it("keeps the first character and the domain only", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
  });

  it("hides a one-character local part just as well", () => {
    expect(maskEmail("a@b.test")).toBe("a***@b.test");
  });

  it("uses the last @ for the domain", () => {
    expect(maskEmail('"x@y"@example.org')).toBe('"***@example.org');
  });

  it("shows nothing of something that is not an address", () => {
    expect(maskEmail("no-at-sign")).toBe("***");
    expect(maskEmail("@example.org")).toBe("***");
  });
});
