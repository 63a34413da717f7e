import Link from "next/link";
import type { UserLabel } from "@/lib/users/lookup";

/**
 * A user id from the audit trail: a link to the user's page while the account exists;
 * otherwise the bare id (deleted accounts leave a "deleted-…" pseudonym).
 */
export function UserRef({ id, users }: { id: string | null; users: Map<string, UserLabel> }) {
  if (!id) return <span className="text-slate-400">—</span>;
  const user = users.get(id);
  if (user) {
    return (
      <Link href={`/admin/users/${user.id}`} className="break-all text-indigo-700 underline-offset-2 hover:underline" title={user.id}>
        {user.email}
      </Link>
    );
  }
  return (
    <span className="font-mono text-xs break-all text-slate-500">
      {id} <span className="font-sans">({id.startsWith("deleted-") ? "deleted" : "no longer exists"})</span>
    </span>
  );
}
