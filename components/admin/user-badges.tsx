import { Badge } from "@/components/ui/badge";
import type { UserStatus } from "@/lib/users/status";

const STATUS_TONE = { active: "success", locked: "warning", deactivated: "danger" } as const;
const STATUS_LABEL = { active: "Active", locked: "Locked", deactivated: "Deactivated" } as const;

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="user-status">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return (
    <Badge tone={role === "user" ? "neutral" : "info"} data-testid="user-role">
      {role}
    </Badge>
  );
}
