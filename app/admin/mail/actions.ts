"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/forms/form-action";
import type { ActionState } from "@/lib/forms/form-state";
import { dropMail, retryMail } from "@/lib/mail/admin";

export type MailActionState = ActionState<"intent" | "mailId">;

const requestSchema = z.object(
  {
    intent: z.enum(["retry", "drop"], { error: "That action is not available." }),
    mailId: z.string().min(1, "That action is not available.").max(64),
  },
  { error: "That action is not available." },
);

/**
 * Retry or drop one undelivered mail (audited by lib/mail/admin). A mail sent or dropped
 * meanwhile (404) or held by a worker right now (409 mail_sending) comes back as the message.
 */
export const mailAction = formAction(
  { access: "mail:manage", schema: requestSchema, fields: ["intent", "mailId"], messageFromFields: true },
  async ({ intent, mailId }, { ctx, session }) => {
    if (intent === "retry") await retryMail(mailId, session.user.id, ctx);
    else await dropMail(mailId, session.user.id, ctx);
    revalidatePath("/admin/mail");
    return {
      message: intent === "retry" ? "Queued again: a worker tries it within seconds, with a fresh retry schedule." : "Dropped: it will not be sent, and its body is erased.",
    };
  },
);
