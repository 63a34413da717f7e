import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "./common-passwords";
import { checkNewPassword } from "./password-policy";
import { passwordProblems } from "@/lib/validation/auth";

describe("password policy", () => {
  it("ships a blocklist of at least 10,000 common passwords, compared case-insensitively", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("P@SSW0RD")).toBe(true);
    expect(isCommonPassword("Correct-Horse-7-Battery")).toBe(false);
  });

  it("default policy wants upper, lower, digit and special character", () => {
    expect(passwordProblems("abcdefgh", "default")).toEqual(["Add an upper-case letter", "Add a digit", "Add a special character"]);
    expect(passwordProblems("Abcdefg1!", "default")).toEqual([]);
  });

  it("nist policy wants 15 characters and no composition", () => {
    expect(passwordProblems("abcdefghijklmn", "nist")).toHaveLength(1);
    expect(passwordProblems("abcdefghijklmno", "nist")).toEqual([]);
  });

  it("counts UTF-8 bytes: 8..72, never truncating", () => {
    expect(passwordProblems("Aé1!", "default")[0]).toMatch(/at least 8/);
    expect(passwordProblems(`Aa1!${"é".repeat(34)}`, "default")).toEqual([]);
    expect(passwordProblems(`Aa1!${"é".repeat(35)}`, "default")[0]).toMatch(/at most 72 bytes/);
  });

  it("rejects common passwords and ones equal to the email or name", () => {
    expect(checkNewPassword("P@ssw0rd", {})).toMatch(/too common/);
    expect(checkNewPassword("Ada.Love1@x.io", { email: "ada.love1@x.io" })).toMatch(/email or name/);
    expect(checkNewPassword("Grace-Hopper-1", { name: "grace-hopper-1" })).toMatch(/email or name/);
    expect(checkNewPassword("Correct-Horse-7-Battery", { email: "a@b.co", name: "A" })).toBeNull();
  });
});
