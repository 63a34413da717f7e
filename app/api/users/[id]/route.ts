import { NextResponse } from "next/server";
import { assertRole, assertSelfOr } from "@/lib/auth/authorize";
import { requireApiSession } from "@/lib/auth/guards";
import { clearSessionCookie } from "@/lib/auth/responses";
import { readJson } from "@/lib/http/body";
import { forbidden, jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changeRole, deleteUser, getProfile, profileJson, setActive, updateName } from "@/lib/users/account";
import { deleteAccountSchema, updateUserSchema } from "@/lib/validation/account";

export const GET = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertSelfOr(session, id, "support", "admin");
  return jsonResponse(profileJson(await getProfile(id)), 200, ctx.requestId);
});

/** Self: name only. Admin: name, role, is_active. */
export const PATCH = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  assertSelfOr(session, id, "admin");
  const body = await readJson(req, updateUserSchema);
  if ((body.role !== undefined || body.is_active !== undefined) && session.user.role !== "admin") throw forbidden();
  await getProfile(id);
  if (body.name !== undefined) await updateName(id, body.name, ctx, session.user.id);
  if (body.role !== undefined) await changeRole(id, body.role, session.user.id, ctx);
  if (body.is_active !== undefined) await setActive(id, body.is_active, session.user.id, ctx);
  return jsonResponse(profileJson(await getProfile(id)), 200, ctx.requestId);
});

/** Admin deletes anyone; a user deletes their own account with their password. */
export const DELETE = route<{ id: string }>(async (req, ctx, { id }) => {
  const { session } = await requireApiSession(req);
  const self = session.user.id === id;
  if (!self) assertRole(session, "admin");
  const password = self ? (await readJson(req, deleteAccountSchema)).password : undefined;
  await deleteUser(id, session.user.id, ctx, password);
  const res = new NextResponse(null, { status: 204 });
  if (self) clearSessionCookie(res);
  return res;
});
