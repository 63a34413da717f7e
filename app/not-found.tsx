import type { Metadata } from "next";
import { StatusCard } from "@/components/status-card";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16 sm:items-center">
      <StatusCard code={404} tone="info" title="Page not found" message="The page you asked for does not exist or has moved." />
    </main>
  );
}
