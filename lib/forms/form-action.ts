import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { currentSession, requirePermission } from "@/lib/auth/guards";
import type { Permission } from "@/lib/auth/permissions";
import type { ResolvedSession } from "@/lib/auth/sessions";
import { fieldErrors } from "@/lib/http/body";
import { ApiError, errorFields, type ErrorCode } from "@/lib/http/errors";
import { contextFromHeaders, type RequestContext } from "@/lib/http/request-context";
import { assertRecentAuth, reauthenticate, type ReauthInput } from "@/lib/auth/step-up";
import { formText, type ActionState, type FormFailure, type FormSuccess } from "./form-state";

export const CHECK_FIELDS = "Check the highlighted fields";

function reauthAnswer(data: FormData): ReauthInput | null {
  const password = formText(data, "reauth_password");
  const code = formText(data, "reauth_code");
  if (password) return { password };
  if (code) return { code };
  return null;
}

interface FormActionSpec<F extends string, S extends z.ZodType, A extends "public" | Permission> {
  /** Who may post it: anyone, or a signed-in user holding the permission (else /login, or the 403 page). */
  access: A;
  /** The same schema the JSON route parses, over the form's text fields. */
  schema: S;
  /** The fields read from the FormData (as text; a missing field reads as ""). */
  fields: readonly F[];
  /** Fields sent back to refill the form after a failure without JavaScript. Never a password. */
  echo?: readonly F[];
  /** Errors that belong to one field: their message is shown there too. */
  errorFields?: Partial<Record<ErrorCode, F>>;
  /** For forms that show no field errors (one-button forms): the first field error becomes the message. */
  messageFromFields?: boolean;
  /**
   * The action needs a recent authentication (SPEC 10 step-up). A form may carry the
   * answer itself in `reauth_password` or `reauth_code`: it is checked first, in this one
   * place, and the action then goes on; without it the form gets `reauthenticate: true`.
   */
  recentAuth?: true;
}

export interface FormCall<A> {
  ctx: RequestContext;
  session: A extends "public" ? ResolvedSession | null : ResolvedSession;
  data: FormData;
}

/**
 * Every server action is `formAction(spec, handler)`, the counterpart of `route()`: it
 * authorizes, parses the form with the shared schema, runs the handler (which calls the lib
 * function that makes the change), and turns any ApiError the lib throws into form state in
 * this one place: field errors on their fields, anything else as the message above the form,
 * always with the request id as the reference. A handler that redirects, or returns nothing
 * on a page that redirects, ends there; any other error reaches error.tsx.
 */
export function formAction<F extends string, S extends z.ZodType, A extends "public" | Permission>(
  spec: FormActionSpec<F, S, A>,
  handler: (input: z.infer<S>, call: FormCall<A>) => Promise<Omit<FormSuccess, "ok" | "reference"> | void>,
): (previous: ActionState<F>, data: FormData) => Promise<ActionState<F>> {
  return async (_previous, data) => {
    const session = spec.access === "public" ? await currentSession() : await requirePermission(spec.access as Permission);
    const ctx = contextFromHeaders(await headers());
    const values = Object.fromEntries((spec.echo ?? []).map((f) => [f, formText(data, f)])) as Partial<Record<F, string>>;
    const fail = (formError: string, fields?: Partial<Record<F, string>>): ActionState<F> => ({
      ok: false,
      formError: spec.messageFromFields && fields ? (Object.values(fields)[0] as string) : formError,
      fieldErrors: fields,
      reference: ctx.requestId,
      ...(spec.echo ? { values } : {}),
    });

    if (spec.recentAuth && session) {
      const answer = reauthAnswer(data);
      try {
        if (answer) {
          await reauthenticate(session, answer, ctx);
          session.authenticatedAt = new Date();
        }
        assertRecentAuth(session);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return { ...(fail(err.message) as FormFailure<F>), reauthenticate: true };
      }
    }

    const parsed = spec.schema.safeParse(Object.fromEntries(spec.fields.map((f) => [f, formText(data, f)])));
    if (!parsed.success) return fail(CHECK_FIELDS, fieldErrors(parsed.error) as Partial<Record<F, string>>);

    let result;
    try {
      result = await handler(parsed.data, { ctx, session, data } as FormCall<A>);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = errorFields(err);
      if (fields) return fail(CHECK_FIELDS, fields as Partial<Record<F, string>>);
      const field = spec.errorFields?.[err.code];
      return fail(err.message, field ? ({ [field]: err.message } as Partial<Record<F, string>>) : undefined);
    }
    return result ? { ok: true, message: result.message, reference: ctx.requestId, ...(result.data ? { data: result.data } : {}) } : null;
  };
}
