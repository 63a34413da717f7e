import { describe, expect, it } from "vitest";
import { changePasswordSchema, deleteAccountSchema } from "./account";
import { loginSchema, nameSchema } from "./auth";

describe("nameSchema", () => {
  it("keeps ordinary names from any script, with spaces, apostrophes and accents", () => {
    for (const name of ["Ada Lovelace", "Zoë O'Brien", "李小龍", "Ümit Çelik-Ağaoğlu", "محمد", "Jean‑Luc"]) expect(nameSchema.safeParse(name).success, name).toBe(true);
  });

  it("rejects control characters, bidi overrides and isolates, and zero-width characters", () => {
    const hidden = ["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\u200e", "\u2060", "\ufeff", "\u00ad", "\u061c"];
    for (const c of hidden) {
      const result = nameSchema.safeParse(`Mallory${c}gnp.exe`);
      expect(result.success, JSON.stringify(c)).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/control, invisible or text-direction/);
    }
  });
});

describe("the 72-byte rule on every password field", () => {
  const over = `${"é".repeat(36)}x`; // 73 UTF-8 bytes, 37 characters
  const exactly = "é".repeat(36); // 72 bytes

  it("refuses a current password, a deletion password and a sign-in password over 72 bytes, naming the field", () => {
    const change = changePasswordSchema("default").safeParse({ current_password: over, new_password: "Another-Horse-8-Battery" });
    expect(change.error?.issues.map((i) => i.path.join("."))).toEqual(["current_password"]);
    expect(change.error?.issues[0].message).toBe("Current password is at most 72 bytes");
    expect(deleteAccountSchema.safeParse({ password: over }).error?.issues[0].message).toBe("Password is at most 72 bytes");
    expect(loginSchema.safeParse({ email: "a@example.com", password: over }).error?.issues[0].message).toBe("Password is at most 72 bytes");
  });

  it("accepts exactly 72 bytes", () => {
    expect(changePasswordSchema("default").safeParse({ current_password: exactly, new_password: "Another-Horse-8-Battery" }).success).toBe(true);
    expect(deleteAccountSchema.safeParse({ password: exactly }).success).toBe(true);
  });
});
