import { CliError, NO_SUCH_USER, callApi, type Instance } from "./http-client";

import type { AuditEventJson, AuditPage, Blocker, Diagnosis, FactorSummary, Revoked, SessionJson, UserProfile, UserSearchResult, UserSessions } from "@/lib/openapi/schemas";

// The staff endpoints the CLI calls (SPEC 5), typed as the API answers them: the zod schemas
// the OpenAPI document is built from and the server's serializers are typed with (type-only
// imports; the CLI never loads server code).
export type SessionRow = SessionJson;
export type AuditRow = AuditEventJson;
export type { Blocker, FactorSummary, UserProfile };

/** What `inspect` shows, and prints as is with --json. */
export interface Inspection {
  user: UserProfile;
  blockers: Blocker[];
  factors: FactorSummary;
  sessions: SessionRow[];
  recent_activity: { total: number; events: AuditRow[] };
}

export type UserRef = { userId: string } | { email: string };

const RECENT_EVENTS = 20;
const SEARCH_PAGE_SIZE = 100;

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** The id as given, or the user whose email is exactly this one (any case) among the staff search's matches. */
export async function resolveUserId(instance: Instance, ref: UserRef): Promise<string> {
  if ("userId" in ref) return ref.userId;
  const email = ref.email.trim().toLowerCase();
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ query: email, page: String(page), page_size: String(SEARCH_PAGE_SIZE) });
    const found = await callApi<UserSearchResult>(instance, "GET", `/api/users?${query}`);
    const match = found.users.find((u) => u.email.toLowerCase() === email);
    if (match) return match.id;
    if (page >= found.pages) throw new CliError(NO_SUCH_USER);
  }
}

export async function inspectUser(instance: Instance, id: string): Promise<Inspection> {
  const audit = new URLSearchParams({ user: id, page_size: String(RECENT_EVENTS) });
  const [user, { blockers, factors }, { sessions }, { total, events }] = await Promise.all([
    callApi<UserProfile>(instance, "GET", userPath(id)),
    callApi<Diagnosis>(instance, "GET", `${userPath(id)}/diagnosis`),
    callApi<UserSessions>(instance, "GET", `${userPath(id)}/sessions`),
    callApi<AuditPage>(instance, "GET", `/api/audit?${audit}`),
  ]);
  return { user, blockers, factors, sessions, recent_activity: { total, events } };
}

export async function unlockUser(instance: Instance, id: string): Promise<void> {
  await callApi(instance, "POST", `${userPath(id)}/unlock`);
}

/** Mails the user a new link to verify their address (409 when it is verified already). */
export async function sendVerification(instance: Instance, id: string): Promise<void> {
  await callApi(instance, "POST", `${userPath(id)}/verification`);
}

/** How many sessions were revoked. */
export async function revokeUserSessions(instance: Instance, id: string): Promise<number> {
  const { revoked } = await callApi<Revoked>(instance, "POST", `${userPath(id)}/revoke-sessions`);
  return revoked;
}
