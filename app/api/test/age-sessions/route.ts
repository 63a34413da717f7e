import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { emailSchema } from "@/lib/validation/auth";

// Test mode only (E2E_TEST_HOOKS=1, refused at start outside a local setup): journeys make a
// user's sign-in an hour old, so the step-up of sensitive changes is asked for. 404 otherwise.
const bodySchema = z.object({ email: emailSchema });

export const POST = route({ access: "public" }, async ({ req }) => {
  if (!env.E2E_TEST_HOOKS) throw notFound();
  const { email } = await readJson(req, bodySchema);
  const { count } = await prisma().session.updateMany({ where: { user: { email } }, data: { authenticatedAt: new Date(Date.now() - 3600_000) } });
  return jsonResponse({ email, sessions: count }, 200);
});
