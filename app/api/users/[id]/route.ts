import { NextResponse } from "next/server";
import { assertCan } from "@/lib/auth/permissions";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { readJson } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { changeRole, deleteOwnAccount, deleteUserAsStaff, getProfile, profileJson, setActive, updateName } from "@/lib/users/account";
import { deleteAccountSchema, updateUserSchema } from "@/lib/validation/account";
import { profileSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: { permission: "users:read", orSelf: "id" }, summary: "A user's profile", params: ["id"], responses: { 200: profileSchema }, errors: ["not_found"] }, async ({ params: { id } }) =>
  jsonResponse(profileJson(await getProfile(id)), 200),
);

/** Self: name only. Staff by permission: name (users:update), role (users:role), is_active (users:deactivate). */
export const PATCH = route({
  access: { permission: "users:update", orSelf: "id" },
  summary: "Change a user's name (self or users:update), role (users:role) or activation (users:deactivate)",
  params: ["id"],
  body: updateUserSchema,
  responses: { 200: profileSchema },
  errors: ["not_found", "last_admin", "cannot_change_self"],
}, async ({ ctx, auth: { session }, params: { id }, body }) => {
  if (body.role !== undefined) assertCan(session, "users:role");
  if (body.is_active !== undefined) assertCan(session, "users:deactivate");
  await getProfile(id);
  if (body.name !== undefined) await updateName(id, body.name, ctx, session.user.id);
  if (body.role !== undefined) await changeRole(id, body.role, session.user.id, ctx);
  if (body.is_active !== undefined) await setActive(id, body.is_active, session.user.id, ctx);
  return jsonResponse(profileJson(await getProfile(id)), 200);
});

/** An administrator deletes someone else; a user deletes their own account with their password. */
export const DELETE = route({
  access: { permission: "users:delete", orSelf: "id" },
  summary: "Delete an account: one's own (with the password) or, as admin, someone else's",
  params: ["id"],
  optionalBody: deleteAccountSchema,
  responses: { 204: null },
  errors: ["not_found", "last_admin", "cannot_change_self", "busy"],
}, async ({ req, ctx, auth: { session }, params: { id } }) => {
  const self = session.user.id === id;
  if (self) await deleteOwnAccount(session, (await readJson(req, deleteAccountSchema)).password, ctx);
  else await deleteUserAsStaff(id, session.user.id, ctx);
  const res = new NextResponse(null, { status: 204 });
  if (self) clearSessionCookie(res.cookies);
  return res;
});
