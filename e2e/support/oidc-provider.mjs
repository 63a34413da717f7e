// A real OpenID Connect provider for the journeys: panva's oidc-provider (a certified
// implementation) with its development login and consent pages. Whatever is typed as the
// login becomes the subject and, when it looks like an address, the email; a login with
// "+unverified" gets email_verified: false. Any password is accepted.
//
//   OIDC_PORT=4010 APP_URL=http://localhost:3210 node e2e/support/oidc-provider.mjs
//
// OIDC_EXTRA_APP_URL registers the same client for a second app (a journey's own server,
// e.g. one configured with a wrong client secret).
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 4010);
const appUrl = process.env.APP_URL ?? "http://localhost:3210";
export const TEST_CLIENT = { id: "latchkey-e2e", secret: "e2e-client-secret-not-for-production" };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: TEST_CLIENT.id,
      client_secret: TEST_CLIENT.secret,
      redirect_uris: [appUrl, process.env.OIDC_EXTRA_APP_URL].filter(Boolean).map((url) => `${url}/api/auth/callback/oidc`),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["e2e-cookie-key-not-for-production"] },
  async findAccount(_ctx, id) {
    const login = String(id).trim().toLowerCase();
    return {
      accountId: login,
      async claims() {
        return {
          sub: login,
          ...(login.includes("@") ? { email: login, email_verified: !login.includes("+unverified") } : {}),
          name: `Test ${login.split("@")[0]}`,
        };
      },
    };
  },
});
// Quiet: the journeys read the browser, not this log.
provider.on("server_error", (_ctx, err) => console.error("oidc-provider:", err));

provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider on http://127.0.0.1:${port}`));
