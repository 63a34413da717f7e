import Link from "next/link";
import { Card } from "@/components/ui/card";

/**
 * "You don't have access" for signed-in users without the role a page needs (admin
 * pages). Render it after the page's own role check, e.g. from app/forbidden.tsx with
 * Next's forbidden() (experimental.authInterrupts) to also send a 403 status.
 */
export function Forbidden({ message = "This page is for support staff and administrators." }: { message?: string }) {
  return (
    <div className="flex justify-center px-4 py-16">
      <Card className="w-full max-w-md">
        <p className="text-sm font-medium text-red-700">403</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">You don&apos;t have access</h1>
        <p className="mt-2 text-sm text-slate-600">{message}</p>
        <Link
          href="/dashboard"
          className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Go to the dashboard
        </Link>
      </Card>
    </div>
  );
}
