// The audit-log filter form posts dates from <input type="datetime-local"> (or a bare date
// in a hand-written link): no time zone. The console shows times in UTC, so they are read
// as UTC here, and an end bound covers the whole minute or day it names.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;

/** A zone-less date or date-time as an ISO instant in UTC; anything else is returned unchanged for the schema to judge. */
export function utcBound(value: string, edge: "start" | "end"): string {
  if (DATE.test(value)) return `${value}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`;
  if (MINUTE.test(value)) return `${value}:${edge === "start" ? "00.000" : "59.999"}Z`;
  if (SECOND.test(value)) return `${value}Z`;
  return value;
}

/** The audit query's input from the page's query parameters (already trimmed, empties dropped). */
export function auditFilterInput(params: Record<string, string>): Record<string, string> {
  const input = { ...params };
  if (input.from) input.from = utcBound(input.from, "start");
  if (input.to) input.to = utcBound(input.to, "end");
  return input;
}
