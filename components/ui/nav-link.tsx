"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A header navigation link, marked `aria-current="page"` on its own page and on pages under
 * any of `sections` (e.g. "Users" at /admin stays current on /admin/users/…).
 */
export function NavLink({ href, sections = [], children }: { href: string; sections?: string[]; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || sections.some((s) => pathname === s || pathname.startsWith(`${s}/`));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
        active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
      }`}
    >
      {children}
    </Link>
  );
}
