import { describe, expect, it } from "vitest";
import { smtpUrlWithTimeouts } from "./transport";

describe("smtpUrlWithTimeouts", () => {
  it("adds connection, greeting and socket timeouts and keeps the operator's own", () => {
    const url = new URL(smtpUrlWithTimeouts("smtp://user:pa%40ss@mail.example.test:587?socketTimeout=5000"));
    expect(url.searchParams.get("connectionTimeout")).toBe("10000");
    expect(url.searchParams.get("greetingTimeout")).toBe("10000");
    expect(url.searchParams.get("socketTimeout")).toBe("5000");
    expect(url.password).toBe("pa%40ss");
    expect(url.host).toBe("mail.example.test:587");
  });
});
