import { POST as register } from "@/app/api/auth/register/route";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { decryptBody } from "@/lib/mail/body-crypto";
import { STRONG_PASSWORD, callRoute, randomEmail } from "./http";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

/** Registers a user through the real route; optionally gives them a role directly in the database. */
export async function createTestUser(opts: { role?: Role; name?: string } = {}): Promise<TestUser> {
  const email = randomEmail(opts.role ?? "user");
  const name = opts.name ?? "Test User";
  const res = await callRoute(register, "/api/auth/register", { body: { email, name, password: STRONG_PASSWORD } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.json)}`);
  const id = (res.json.user as { id: string }).id;
  if (opts.role && opts.role !== "user") await prisma().user.update({ where: { id }, data: { role: opts.role } });
  return { id, email, name, password: STRONG_PASSWORD, token: res.json.token as string };
}

/** The user's mail, bodies decrypted (they are encrypted at rest). */
export async function outboxFor(email: string) {
  const rows = await prisma().mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ ...m, text: decryptBody(m.text, m.to), html: decryptBody(m.html, m.to) }));
}

export function linkToken(text: string): string {
  const m = text.match(/reset-password\?token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no reset link in: ${text}`);
  return m[1];
}
