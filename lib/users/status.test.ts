import { describe, expect, it } from "vitest";
import { userStatus } from "./status";

const now = new Date("2026-11-26T12:00:00Z");

describe("userStatus", () => {
  it("is active without a lock, or once the lock has ended", () => {
    expect(userStatus({ isActive: true, lockedUntil: null }, now)).toBe("active");
    expect(userStatus({ isActive: true, lockedUntil: new Date("2026-11-26T11:59:59Z") }, now)).toBe("active");
  });

  it("is locked while the lock runs", () => {
    expect(userStatus({ isActive: true, lockedUntil: new Date("2026-11-26T12:30:00Z") }, now)).toBe("locked");
  });

  it("is deactivated whatever the lock says", () => {
    expect(userStatus({ isActive: false, lockedUntil: new Date("2026-11-26T12:30:00Z") }, now)).toBe("deactivated");
  });
});
