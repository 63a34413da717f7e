import { describe, expect, it } from "vitest";
import { formatInspection } from "./format-inspection";
import type { Inspection } from "./staff-api";

const NOW = new Date("2025-06-01T12:00:00Z");

function inspection(overrides: Partial<Inspection["user"]> = {}): Inspection {
  return {
    user: {
      id: "u1",
      email: "jane@example.test",
      name: "Jane",
      role: "user",
      is_active: true,
      email_verified: null,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: null,
      deactivated_at: null,
      created_at: "2025-05-01T09:30:00Z",
      updated_at: "2025-05-01T09:30:00Z",
      ...overrides,
    },
    factors: { totp: { enabled: true, created_at: "2025-05-02T10:00:00Z", last_used_at: null }, passkeys: [{ id: "p1", name: "Work laptop", created_at: "2025-05-03T10:00:00Z", last_used_at: null, backed_up: false }], recovery_codes: { remaining: 7 } },
    blockers: [{ kind: "locked", summary: "Locked until 12:15 UTC after 5 failed sign-ins from 2 IPs.", remedy: "Unlock, or let them reset their password.", action: "unlock" }],
    sessions: [
      {
        id: "s1",
        created_at: "2025-06-01T11:00:00Z",
        last_seen_at: "2025-06-01T11:55:00Z",
        expires_at: "2025-06-01T12:25:00Z",
        ip_address: "203.0.113.7",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      },
    ],
    recent_activity: {
      total: 31,
      events: [
        { id: "e1", type: "unlock", outcome: "success", actor_id: "staff1", target_user_id: "u1", ip: "198.51.100.2", user_agent: null, request_id: "req-1", metadata: {}, created_at: "2025-06-01T11:50:00Z" },
        { id: "e2", type: "login", outcome: "failure", actor_id: null, target_user_id: "u1", ip: "203.0.113.7", user_agent: null, request_id: "req-2", metadata: { reason: "invalid_password" }, created_at: "2025-06-01T11:40:00Z" },
      ],
    },
  };
}

describe("formatInspection", () => {
  it("shows the profile, one line per session and per event, with who acted when it was someone else", () => {
    const text = formatInspection(inspection({ last_login_at: "2025-06-01T11:00:00Z" }), NOW);
    expect(text).toMatch(/^Jane <jane@example\.test>$/m);
    expect(text).toMatch(/^ {2}role +user$/m);
    expect(text).toMatch(/^ {2}status +active$/m);
    expect(text).toMatch(/^ {2}last sign-in +.*UTC \(1 hour ago\)$/m);
    expect(text).toMatch(/^ {2}Firefox on Linux +203\.0\.113\.7 +.*UTC +5 minutes ago$/m);
    expect(text).toContain("Recent activity (latest 2 of 31)");
    expect(text).toMatch(/^Why can't they sign in\?\n {2}Locked until 12:15 UTC after 5 failed sign-ins from 2 IPs\.\n {4}-> Unlock, or let them reset their password\.$/m);
    expect(text).toMatch(/^Second factors\n {2}Authenticator app: on since 2025-05-02\n {2}Passkeys: Work laptop \(last used never\)\n {2}Recovery codes left: 7$/m);
    expect(text).toMatch(/Unlocked by staff, by staff1 +\[req-1\]/);
    expect(text).toMatch(/Sign-in failed: invalid password +\[req-2\]/);
  });

  it("shows a running lock with its end, and a lock that ended as active", () => {
    expect(formatInspection(inspection({ locked_until: "2025-06-01T12:15:00Z" }), NOW)).toMatch(/status +locked until .*12:15 UTC/);
    expect(formatInspection(inspection({ locked_until: "2025-06-01T11:15:00Z" }), NOW)).toMatch(/status +active$/m);
    expect(formatInspection(inspection({ is_active: false, deactivated_at: "2025-05-20T08:00:00Z" }), NOW)).toMatch(/status +deactivated since/);
  });

  it("never passes control characters from user-supplied fields to the terminal", () => {
    const text = formatInspection(inspection({ name: "Eve\u001b]0;owned\u0007\u001b[2J" }), NOW);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain("Eve?]0;owned??[2J");
  });
});
