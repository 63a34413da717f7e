import { StatusCard } from "@/components/status-card";

/**
 * "You don't have access" for signed-in users without the role a page needs (admin
 * pages). Render it after the page's own role check, e.g. from app/forbidden.tsx with
 * Next's forbidden() (experimental.authInterrupts) to also send a 403 status.
 */
export function Forbidden({ message = "This page is for support staff and administrators." }: { message?: string }) {
  return (
    <div className="flex justify-center px-4 py-16">
      <StatusCard code={403} tone="danger" title="You don't have access" message={message} />
    </div>
  );
}
