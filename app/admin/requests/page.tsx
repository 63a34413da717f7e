import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReferenceLookup } from "@/components/admin/reference-lookup";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Look up a reference" };

// Where the "Look up a reference" form lands (a GET form cannot put the value in the path):
// a reference goes on to its own page; an empty one asks again.
export default async function RequestLookupPage({ searchParams }: { searchParams: Promise<{ reference?: string | string[] }> }) {
  await requirePermission("requests:read");
  const { reference } = await searchParams;
  const value = (typeof reference === "string" ? reference : "").trim();
  if (value) redirect(`/admin/requests/${encodeURIComponent(value)}`);

  return (
    <Card className="max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Look up a reference</h1>
      <p className="mt-2 text-sm text-slate-600">
        Enter the reference a user was shown with an error message. It leads to everything recorded for that request.
      </p>
      <div className="mt-4">
        <ReferenceLookup id="page-reference" />
      </div>
    </Card>
  );
}
