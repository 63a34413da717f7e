import { describe, expect, it } from "vitest";
import { addCounts, countReport } from "./test-results";

const vitestFile = (status: string, tests: string[]) => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

describe("countReport", () => {
  it("counts a Vitest report, todo as skipped", () => {
    const report = {
      numPassedTests: 5,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [vitestFile("failed", ["passed", "failed", "skipped", "todo"]), vitestFile("passed", ["passed"])],
    };
    expect(countReport(report)).toEqual({ passed: 5, failed: 1, skipped: 3 });
  });

  it("counts a Vitest file that failed outside any test as one failure", () => {
    const report = {
      numPassedTests: 1,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [vitestFile("failed", []), vitestFile("passed", ["passed"])],
    };
    expect(countReport(report)).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });

  it("counts a Playwright report, flaky as passed and global errors as failures", () => {
    const report = { stats: { expected: 7, unexpected: 2, flaky: 1, skipped: 3 }, errors: [{ message: "webServer timed out" }] };
    expect(countReport(report)).toEqual({ passed: 8, failed: 3, skipped: 3 });
  });

  it("rejects anything else", () => {
    expect(() => countReport({ tests: [] })).toThrow(/not a Vitest or Playwright/);
    expect(() => countReport(null)).toThrow();
  });
});

describe("addCounts", () => {
  it("sums field by field", () => {
    expect(addCounts({ passed: 1, failed: 2, skipped: 3 }, { passed: 10, failed: 0, skipped: 1 })).toEqual({ passed: 11, failed: 2, skipped: 4 });
    expect(addCounts()).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});
