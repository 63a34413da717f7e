import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { exportUserData } from "@/lib/users/account";
import { userExportSchema } from "@/lib/openapi/schemas";

export const GET = route({ access: { permission: "users:export", orSelf: "id" }, summary: "Everything stored about the user, as a JSON download", params: ["id"], responses: { 200: userExportSchema }, errors: ["not_found"] }, async ({ ctx, auth, params: { id } }) => {
  const data = await exportUserData(id, auth.session.user.id, ctx);
  const day = new Date().toISOString().slice(0, 10);
  return jsonResponse(data, 200, { "content-disposition": `attachment; filename="latchkey-export-${day}.json"` });
});
