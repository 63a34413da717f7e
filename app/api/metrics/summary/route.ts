import { z } from "zod";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { requestsSince, summarize } from "@/lib/observability/request-log";
import { requestSummarySchema } from "@/lib/openapi/schemas";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

const summaryQuery = z.object({
  last: z
    .string()
    .regex(/^\d{1,5}[smh]$/, 'last must look like "30m", "1h" or "90s"')
    .default("1h")
    .transform((v) => Number(v.slice(0, -1)) * UNIT_MS[v.at(-1) as keyof typeof UNIT_MS])
    .refine((ms) => ms > 0 && ms <= 24 * 3_600_000, "last must be between 1s and 24h"),
});

/** This instance's JSON API traffic over the last period: what `cli metrics --last 1h` prints. */
export const GET = route({ access: { permission: "metrics:read", orMetricsToken: true }, summary: "This instance's API traffic over the last period", query: summaryQuery, responses: { 200: requestSummarySchema } }, async ({ query: { last } }) => {
  const to = Date.now();
  const from = to - last;
  return jsonResponse(summarize(requestsSince(from), from, to), 200);
});
