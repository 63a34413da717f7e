import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <Link
        href="/"
        className="mb-6 rounded text-xl font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
      >
        Latchkey
      </Link>
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
