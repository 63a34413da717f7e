import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

// Test mode only (E2E_TEST_HOOKS=1, refused at start outside a local setup): lets journeys
// read the mail the app would have sent. 404 otherwise, as if it did not exist.
export const GET = route({ access: "public" }, async ({ req, ctx }) => {
  if (!env.E2E_TEST_HOOKS) throw notFound();
  const to = new URL(req.url).searchParams.get("to")?.trim().toLowerCase();
  const messages = await prisma().mailMessage.findMany({
    where: to ? { to } : {},
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, to: true, subject: true, text: true, html: true, kind: true, createdAt: true },
  });
  return jsonResponse({ messages }, 200, ctx.requestId);
});
