import { describe, expect, it } from "vitest";
import { hrefWith, readSearchParams } from "./search-params";

describe("readSearchParams", () => {
  it("keeps the first value of repeated parameters, trimmed", () => {
    expect(readSearchParams({ query: "  ada ", role: ["admin", "user"] })).toEqual({ query: "ada", role: "admin" });
  });

  it("drops empty, blank and missing parameters so they mean any", () => {
    expect(readSearchParams({ query: "", role: "   ", status: undefined, sort: [] })).toEqual({});
  });
});

describe("hrefWith", () => {
  it("replaces one parameter and keeps the others", () => {
    expect(hrefWith("/admin", { query: "ada", page: "2" }, { page: 3 })).toBe("/admin?query=ada&page=3");
  });

  it("leaves out empty and undefined values, and the ? when nothing is left", () => {
    expect(hrefWith("/admin", { query: "" }, { page: undefined })).toBe("/admin");
  });

  it("encodes values", () => {
    expect(hrefWith("/admin/audit", { user: "a&b=c d" })).toBe("/admin/audit?user=a%26b%3Dc+d");
  });
});
