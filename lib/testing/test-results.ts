// Counts passed / failed / skipped tests in the JSON reports of Vitest and Playwright, for
// the one summary line of scripts/test-all.sh. Pure functions: the script does the I/O.

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

/** A file that failed outside any test (import error, failing hook) counts as one failure. */
export function countVitest(report: VitestReport): Counts {
  const brokenFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** A flaky test passed on retry; an error outside any test (web server, global setup) counts as one failure. */
export function countPlaywright(report: PlaywrightReport): Counts {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0), skipped };
}

export function countReport(report: unknown): Counts {
  if (isObject(report) && isObject(report.stats) && "expected" in report.stats) {
    return countPlaywright(report as unknown as PlaywrightReport);
  }
  if (isObject(report) && Array.isArray(report.testResults) && "numPassedTests" in report) {
    return countVitest(report as unknown as VitestReport);
  }
  throw new Error("not a Vitest or Playwright JSON report");
}

export function addCounts(...all: Counts[]): Counts {
  return all.reduce((sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
