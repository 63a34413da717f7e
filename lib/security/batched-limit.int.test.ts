import { describe, expect, it } from "vitest";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { rawClient } from "@/lib/db/client";
import { FLUSH_MS, consumeBatched } from "./batched-limit";

// Two limiter objects on one table and prefix stand for two app instances sharing the store.
function instance(prefix: string, points: number) {
  return new RateLimiterPostgres({ storeClient: rawClient(), storeType: "client", tableName: "rate_limits", tableCreated: true, keyPrefix: prefix, points, duration: 60 });
}

async function hits(limiter: RateLimiterPostgres, key: string, points: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await consumeBatched(limiter, key, points).then(() => "ok", (e) => (e instanceof RateLimiterRes ? "refused" : `error ${e}`)));
  }
  return out;
}

const settle = () => new Promise((r) => setTimeout(r, FLUSH_MS * 3));

describe("batched API limit", () => {
  it("lets exactly `points` hits through on one instance and refuses the next", async () => {
    const limiter = instance(`batch-${crypto.randomUUID()}`, 10);
    expect(await hits(limiter, "k", 10, 12)).toEqual([...Array(10).fill("ok"), "refused", "refused"]);
  });

  it("writes the hits it let through to the shared store within a flush", async () => {
    const prefix = `batch-${crypto.randomUUID()}`;
    const a = instance(prefix, 100);
    await hits(a, "k", 100, 30);
    await settle();
    expect((await a.get("k"))?.consumedPoints).toBe(30);
  });

  it("refuses on a second instance once the shared count is past the limit", async () => {
    const prefix = `batch-${crypto.randomUUID()}`;
    const [a, b] = [instance(prefix, 10), instance(prefix, 10)];
    expect(await hits(a, "k", 10, 8)).toEqual(Array(8).fill("ok"));
    await settle();
    expect(await hits(b, "k", 10, 3)).toEqual(["ok", "ok", "refused"]);
  });
});
