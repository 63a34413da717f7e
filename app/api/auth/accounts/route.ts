import { listConnectedAccounts, connectedAccountJson } from "@/lib/federation/accounts";
import { jsonResponse } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { connectedAccountsSchema } from "@/lib/openapi/schemas";

export const GET = route(
  { access: "account:use", summary: "Your connected sign-in accounts (provider and when connected)", responses: { 200: connectedAccountsSchema } },
  async ({ auth }) => jsonResponse((await listConnectedAccounts(auth.session.user.id)).map(connectedAccountJson), 200),
);
