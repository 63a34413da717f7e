"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

// In production Next.js replaces a server error's message with a generic one and gives
// only its digest; instrumentation.ts logs that digest with the request id, so the
// reference shown here leads support to the request.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16 sm:items-center">
      <Card className="w-full max-w-md">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600">
          We could not finish that request. Try again; if it keeps happening, contact support and quote the reference
          below.
        </p>
        {digest && (
          <p className="mt-3 text-sm text-slate-700">
            Reference: <span data-testid="error-reference" className="font-mono break-all select-all">{digest}</span>
          </p>
        )}
        <div className="mt-6 flex flex-wrap gap-3">
          <Button onClick={() => retry()}>Try again</Button>
          <Link
            href="/dashboard"
            className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Go to the dashboard
          </Link>
        </div>
      </Card>
    </main>
  );
}
