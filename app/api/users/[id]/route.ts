import { NextResponse } from "next/server";
import { assertCan } from "@/lib/auth/permissions";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changeRole, deleteOwnAccount, deleteUserAsStaff, getProfile, profileJson, setActive, updateName } from "@/lib/users/account";
import { deleteAccountSchema, updateUserSchema } from "@/lib/validation/account";

export const GET = route({ access: { permission: "users:read", orSelf: "id" }, params: ["id"] }, async ({ ctx, params: { id } }) =>
  jsonResponse(profileJson(await getProfile(id)), 200, ctx.requestId),
);

/** Self: name only. Staff by permission: name (users:update), role (users:role), is_active (users:deactivate). */
export const PATCH = route({ access: { permission: "users:update", orSelf: "id" }, params: ["id"], body: updateUserSchema }, async ({ ctx, auth: { session }, params: { id }, body }) => {
  if (body.role !== undefined) assertCan(session, "users:role");
  if (body.is_active !== undefined) assertCan(session, "users:deactivate");
  await getProfile(id);
  if (body.name !== undefined) await updateName(id, body.name, ctx, session.user.id);
  if (body.role !== undefined) await changeRole(id, body.role, session.user.id, ctx);
  if (body.is_active !== undefined) await setActive(id, body.is_active, session.user.id, ctx);
  return jsonResponse(profileJson(await getProfile(id)), 200, ctx.requestId);
});

/** An administrator deletes someone else; a user deletes their own account with their password. */
export const DELETE = route({ access: { permission: "users:delete", orSelf: "id" }, params: ["id"] }, async ({ req, ctx, auth: { session }, params: { id } }) => {
  const self = session.user.id === id;
  if (self) await deleteOwnAccount(session, (await readJson(req, deleteAccountSchema)).password, ctx);
  else await deleteUserAsStaff(id, session.user.id, ctx);
  const res = new NextResponse(null, { status: 204 });
  if (self) clearSessionCookie(res.cookies);
  return res;
});
