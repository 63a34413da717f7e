import { SignOutForm } from "@/components/sign-out-form";
import Link from "next/link";
import { NavLink } from "@/components/ui/nav-link";
import { currentSession } from "@/lib/auth/guards";
import { isStaff } from "@/lib/auth/permissions";

// Chrome only: each page checks the session itself (requireUser). The session (resolved once
// per request, shared with the page) is read here just to offer the Admin link to staff; the
// admin pages check their permission themselves.
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  const staff = session ? isStaff(session.user.role) : false;
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
          <div className="flex flex-wrap items-center gap-2">
            <nav aria-label="Account">
              <ul className="flex items-center gap-1">
                <li>
                  <NavLink href="/dashboard">Dashboard</NavLink>
                </li>
                <li>
                  <NavLink href="/settings">Settings</NavLink>
                </li>
                {staff && (
                  <li>
                    <NavLink href="/admin">Admin</NavLink>
                  </li>
                )}
              </ul>
            </nav>
            <SignOutForm />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-6 sm:py-10">{children}</main>
    </div>
  );
}
