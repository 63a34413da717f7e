import { describe, expect, it } from "vitest";
import { DELETE_CONFIRMATION_MESSAGE, confirmationSchema, deleteAccountFormSchema } from "./account";

describe("confirmationSchema", () => {
  const schema = confirmationSchema("Confirm it");

  it("accepts a ticked box from the browser (true) and from a posted form (on)", () => {
    expect(schema.safeParse(true).success).toBe(true);
    expect(schema.safeParse("on").success).toBe(true);
  });

  it("refuses an unticked or missing box with the given message", () => {
    for (const value of [false, undefined, null, "", "off"]) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe("Confirm it");
    }
  });
});

describe("deleteAccountFormSchema", () => {
  it("needs both the password and the confirmation", () => {
    expect(deleteAccountFormSchema.safeParse({ password: "secret", confirm: "on" }).success).toBe(true);
    const missing = deleteAccountFormSchema.safeParse({ password: "", confirm: false });
    expect(missing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["password", "Password is required"],
      ["confirm", DELETE_CONFIRMATION_MESSAGE],
    ]);
  });
});
