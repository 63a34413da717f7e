import type { Metadata } from "next";
import Link from "next/link";
import { FilterErrors } from "@/components/admin/filter-errors";
import { UserFilters } from "@/components/admin/user-filters";
import { RoleBadge, UserStatusBadge } from "@/components/admin/user-badges";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusMessage } from "@/components/ui/status-message";
import { DataTable, Td, Th } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/guards";
import { hrefWith, readSearchParams, type RawSearchParams } from "@/lib/http/search-params";
import { searchUsers, userSearchSchema } from "@/lib/users/search";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePermission("users:read");
  const { deleted, ...params } = readSearchParams(await searchParams);
  const parsed = userSearchSchema.safeParse(params);
  const result = parsed.success ? await searchUsers(parsed.data) : null;
  const now = new Date();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Users</h1>
        <p className="mt-1 text-sm text-slate-600">Find someone by email or name, then open their page to see why they can&apos;t sign in.</p>
      </div>
      {deleted === "1" && <StatusMessage message="User deleted." />}
      <UserFilters key={JSON.stringify(params)} values={params} />
      {!parsed.success && <FilterErrors error={parsed.error} />}
      {result && result.users.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="no-results">
          {result.total === 0 ? (
            "No users match these filters."
          ) : (
            <>
              No users on this page.{" "}
              <Link href={hrefWith("/admin", params, { page: 1 })} className="font-medium text-indigo-700 underline underline-offset-2">
                Go to the first page
              </Link>
            </>
          )}
        </p>
      )}
      {result && result.users.length > 0 && (
        <>
          <DataTable caption="Users">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Last sign-in</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {result.users.map((u) => (
                <tr key={u.id} data-testid="user-row" data-user-id={u.id}>
                  <Th scope="row" className="font-normal">
                    <Link href={`/admin/users/${u.id}`} className="font-medium break-all text-indigo-700 underline-offset-2 hover:underline">
                      {u.email}
                    </Link>
                  </Th>
                  <Td className="min-w-32">{u.name ?? <span className="text-slate-400">—</span>}</Td>
                  <Td>
                    <RoleBadge role={u.role} />
                  </Td>
                  <Td>
                    <UserStatusBadge status={u.status as "active" | "locked" | "deactivated"} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {u.last_login_at ? <RelativeTime date={new Date(u.last_login_at)} now={now} /> : <span className="text-slate-500">Never</span>}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <RelativeTime date={new Date(u.created_at)} now={now} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {result && result.total > 0 && (
        <Pagination page={result.page} pages={result.pages} total={result.total} noun={result.total === 1 ? "user" : "users"} href={(page) => hrefWith("/admin", params, { page })} />
      )}
    </div>
  );
}
