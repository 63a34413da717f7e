import { describe, expect, it } from "vitest";
import { nextAttemptAfterFailure } from "./backoff";

const SCHEDULE = [60, 300, 1800, 7200, 21600];
const now = new Date("2026-12-01T12:00:00Z");
const waitAfter = (attempts: number) => {
  const next = nextAttemptAfterFailure(attempts, SCHEDULE, now);
  return next && (next.getTime() - now.getTime()) / 1000;
};

describe("nextAttemptAfterFailure", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, then 6 h after the first five failed tries", () => {
    expect([1, 2, 3, 4, 5].map(waitAfter)).toEqual(SCHEDULE);
  });

  it("gives up after the try that follows the last wait", () => {
    expect(waitAfter(6)).toBeNull();
    expect(waitAfter(0)).toBeNull();
    expect(nextAttemptAfterFailure(1, [], now)).toBeNull();
  });
});
