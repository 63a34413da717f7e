import Link from "next/link";
import { SubmitButton } from "@/components/ui/submit-button";
import { signOutAction } from "./actions";
import { NavLink } from "./nav-link";

// Chrome only: each page checks the session itself (requireUser), so this layout reads nothing.
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link
            href="/dashboard"
            className="rounded text-lg font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
          >
            Latchkey
          </Link>
          <div className="flex items-center gap-2">
            <nav aria-label="Account">
              <ul className="flex items-center gap-1">
                <li>
                  <NavLink href="/dashboard">Dashboard</NavLink>
                </li>
              </ul>
            </nav>
            <form action={signOutAction}>
              <SubmitButton variant="secondary" size="sm" pendingText="Signing out…">
                Sign out
              </SubmitButton>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-6 sm:py-10">{children}</main>
    </div>
  );
}
