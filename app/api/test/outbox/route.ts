import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { jsonResponse, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { decryptBody } from "@/lib/mail/body-crypto";

// Test mode only (E2E_TEST_HOOKS=1, refused at start outside a local setup): lets journeys
// read the mail the app would have sent (bodies decrypted here: they are encrypted at rest).
// 404 otherwise, as if it did not exist.
export const GET = route({ access: "public" }, async ({ req }) => {
  if (!env.E2E_TEST_HOOKS) throw notFound();
  const to = new URL(req.url).searchParams.get("to")?.trim().toLowerCase();
  const messages = await prisma().mailMessage.findMany({
    where: to ? { to } : {},
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, to: true, subject: true, text: true, html: true, kind: true, createdAt: true },
  });
  const readable = messages.map((m) => ({ ...m, text: decryptBody(m.text, m.to), html: decryptBody(m.html, m.to) }));
  return jsonResponse({ messages: readable }, 200);
});
