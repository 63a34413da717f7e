export const REQUEST_ID_HEADER = "x-request-id";
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's id when it is well-formed, else a fresh one. */
export function resolveRequestId(incoming: string | null): string {
  return incoming && WELL_FORMED_ID.test(incoming) ? incoming : crypto.randomUUID();
}
