// Prints "<passed> <failed> <skipped>" for one Vitest or Playwright JSON report
// (used by scripts/test-all.sh). Exits 1 when the report is missing or unreadable.
import { readFileSync } from "node:fs";
import { countReport } from "../lib/testing/test-results";

const file = process.argv[2];
try {
  const { passed, failed, skipped } = countReport(JSON.parse(readFileSync(file, "utf8")));
  console.log(`${passed} ${failed} ${skipped}`);
} catch (err) {
  console.error(`count-tests: ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
