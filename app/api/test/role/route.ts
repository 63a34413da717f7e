import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { emailSchema, roleSchema } from "@/lib/validation/auth";

// Test mode only (E2E_TEST_HOOKS=1, refused at start outside a local setup): journeys give
// their fresh users a role, the way the CLI bootstraps the first admin. 404 otherwise.
const bodySchema = z.object({ email: emailSchema, role: roleSchema });

export const POST = route({ access: "public" }, async ({ req }) => {
  if (!env.E2E_TEST_HOOKS) throw notFound();
  const { email, role } = await readJson(req, bodySchema);
  const { count } = await prisma().user.updateMany({ where: { email }, data: { role } });
  if (!count) throw notFound("User");
  return jsonResponse({ email, role }, 200);
});
