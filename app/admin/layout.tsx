import { SignOutForm } from "@/components/sign-out-form";
import Link from "next/link";
import { ReferenceLookup } from "@/components/admin/reference-lookup";
import { NavLink } from "@/components/ui/nav-link";
import { currentSession } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";

// Chrome only: every admin page and action checks its permission itself (requirePermission).
// A visitor without it gets the 403 page from that check, which replaces this layout. The
// navigation shows what the session's permissions open.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  const allowed = (p: Parameters<typeof can>[1]) => session !== null && can(session, p);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <Link
              href="/admin"
              className="rounded text-lg font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
            >
              Latchkey <span className="font-normal text-slate-500">Admin</span>
            </Link>
            <nav aria-label="Admin">
              <ul className="flex items-center gap-1">
                {allowed("users:read") && (
                  <li>
                    <NavLink href="/admin" sections={["/admin/users"]}>
                      Users
                    </NavLink>
                  </li>
                )}
                {allowed("audit:read") && (
                  <li>
                    <NavLink href="/admin/audit" sections={["/admin/requests"]}>
                      Audit log
                    </NavLink>
                  </li>
                )}
                {allowed("mail:manage") && (
                  <li>
                    <NavLink href="/admin/mail">Mail</NavLink>
                  </li>
                )}
              </ul>
            </nav>
          </div>
          {allowed("requests:read") && (
            <div className="order-last w-full lg:order-none lg:w-auto lg:max-w-md lg:flex-1">
              <ReferenceLookup id="header-reference" />
            </div>
          )}
          <div className="ml-auto flex items-center gap-2">
            <NavLink href="/dashboard">My account</NavLink>
            <SignOutForm />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">{children}</main>
    </div>
  );
}
