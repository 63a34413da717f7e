import Link from "next/link";
import { Card } from "@/components/ui/card";

/** The card of the 403 and 404 pages: status code, heading, one sentence, and the way back. */
export function StatusCard({ code, title, message, tone }: { code: number; title: string; message: string; tone: "info" | "danger" }) {
  return (
    <Card className="w-full max-w-md">
      <p className={`text-sm font-medium ${tone === "danger" ? "text-red-700" : "text-indigo-700"}`}>{code}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <Link
        href="/dashboard"
        className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Go to the dashboard
      </Link>
    </Card>
  );
}
