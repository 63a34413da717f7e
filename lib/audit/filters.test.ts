import { describe, expect, it } from "vitest";
import { auditFilterInput, utcBound } from "./filters";

describe("utcBound", () => {
  it("reads a bare date as the whole UTC day", () => {
    expect(utcBound("2026-11-26", "start")).toBe("2026-11-26T00:00:00.000Z");
    expect(utcBound("2026-11-26", "end")).toBe("2026-11-26T23:59:59.999Z");
  });

  it("reads a datetime-local value as UTC, an end bound to the end of its minute", () => {
    expect(utcBound("2026-11-26T09:14", "start")).toBe("2026-11-26T09:14:00.000Z");
    expect(utcBound("2026-11-26T09:14", "end")).toBe("2026-11-26T09:14:59.999Z");
    expect(utcBound("2026-11-26T09:14:30", "end")).toBe("2026-11-26T09:14:30Z");
  });

  it("leaves values with a zone, and garbage, to the schema", () => {
    expect(utcBound("2026-11-26T09:14:00+02:00", "start")).toBe("2026-11-26T09:14:00+02:00");
    expect(utcBound("yesterday", "end")).toBe("yesterday");
  });
});

describe("auditFilterInput", () => {
  it("converts both bounds and keeps the other filters", () => {
    expect(auditFilterInput({ type: "login", from: "2026-01-01", to: "2026-01-31", page: "2" })).toEqual({
      type: "login",
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-31T23:59:59.999Z",
      page: "2",
    });
  });
});
