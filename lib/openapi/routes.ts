import * as audit from "@/app/api/audit/route";
import * as authAccountsProvider from "@/app/api/auth/accounts/[provider]/route";
import * as authAccounts from "@/app/api/auth/accounts/route";
import * as authEmailVerifyResend from "@/app/api/auth/email/verify/resend/route";
import * as authEmailVerify from "@/app/api/auth/email/verify/route";
import * as authEmail from "@/app/api/auth/email/route";
import * as authFactors from "@/app/api/auth/factors/route";
import * as authLoginMfa from "@/app/api/auth/login/mfa/route";
import * as authLogin from "@/app/api/auth/login/route";
import * as authPasskeysId from "@/app/api/auth/passkeys/[id]/route";
import * as authPasskeysLoginOptions from "@/app/api/auth/passkeys/login/options/route";
import * as authPasskeysLogin from "@/app/api/auth/passkeys/login/route";
import * as authPasskeysOptions from "@/app/api/auth/passkeys/options/route";
import * as authPasskeys from "@/app/api/auth/passkeys/route";
import * as authReauthenticate from "@/app/api/auth/reauthenticate/route";
import * as authRecoveryCodes from "@/app/api/auth/recovery-codes/route";
import * as authTotpConfirm from "@/app/api/auth/totp/confirm/route";
import * as authTotp from "@/app/api/auth/totp/route";
import * as authLogout from "@/app/api/auth/logout/route";
import * as authMe from "@/app/api/auth/me/route";
import * as authPasswordForgot from "@/app/api/auth/password/forgot/route";
import * as authPasswordReset from "@/app/api/auth/password/reset/route";
import * as authPassword from "@/app/api/auth/password/route";
import * as authRefresh from "@/app/api/auth/refresh/route";
import * as authRegister from "@/app/api/auth/register/route";
import * as authSessionsId from "@/app/api/auth/sessions/[id]/route";
import * as authSessions from "@/app/api/auth/sessions/route";
import * as health from "@/app/api/health/route";
import * as metrics from "@/app/api/metrics/route";
import * as metricsSummary from "@/app/api/metrics/summary/route";
import * as ping from "@/app/api/ping/route";
import * as requestsId from "@/app/api/requests/[id]/route";
import * as usersIdDiagnosis from "@/app/api/users/[id]/diagnosis/route";
import * as usersIdExport from "@/app/api/users/[id]/export/route";
import * as usersIdResetFactors from "@/app/api/users/[id]/reset-factors/route";
import * as usersIdRevokeSessions from "@/app/api/users/[id]/revoke-sessions/route";
import * as usersId from "@/app/api/users/[id]/route";
import * as usersIdSendReset from "@/app/api/users/[id]/send-reset/route";
import * as usersIdSessions from "@/app/api/users/[id]/sessions/route";
import * as usersIdUnlock from "@/app/api/users/[id]/unlock/route";
import * as usersIdVerification from "@/app/api/users/[id]/verification/route";
import * as users from "@/app/api/users/route";

// Every JSON route module the OpenAPI document describes, by its path. Listed by hand because
// Next bundles only what is imported; app/api/openapi.int.test.ts globs app/api/**/route.ts
// and fails when a route file is missing here (or this names one that is gone). Not listed:
// the test and bench hooks (404 outside test runs), Auth.js' catch-all (its own OAuth
// endpoints, not a JSON API), and /api/openapi.json itself (lib/openapi/document.ts adds it).
export const ROUTE_MODULES: Record<string, Record<string, unknown>> = {
  "/api/audit": audit,
  "/api/auth/accounts": authAccounts,
  "/api/auth/accounts/[provider]": authAccountsProvider,
  "/api/auth/email": authEmail,
  "/api/auth/email/verify": authEmailVerify,
  "/api/auth/email/verify/resend": authEmailVerifyResend,
  "/api/auth/factors": authFactors,
  "/api/auth/login": authLogin,
  "/api/auth/login/mfa": authLoginMfa,
  "/api/auth/passkeys": authPasskeys,
  "/api/auth/passkeys/[id]": authPasskeysId,
  "/api/auth/passkeys/options": authPasskeysOptions,
  "/api/auth/passkeys/login": authPasskeysLogin,
  "/api/auth/passkeys/login/options": authPasskeysLoginOptions,
  "/api/auth/reauthenticate": authReauthenticate,
  "/api/auth/recovery-codes": authRecoveryCodes,
  "/api/auth/totp": authTotp,
  "/api/auth/totp/confirm": authTotpConfirm,
  "/api/auth/logout": authLogout,
  "/api/auth/me": authMe,
  "/api/auth/password/forgot": authPasswordForgot,
  "/api/auth/password/reset": authPasswordReset,
  "/api/auth/password": authPassword,
  "/api/auth/refresh": authRefresh,
  "/api/auth/register": authRegister,
  "/api/auth/sessions/[id]": authSessionsId,
  "/api/auth/sessions": authSessions,
  "/api/health": health,
  "/api/metrics": metrics,
  "/api/metrics/summary": metricsSummary,
  "/api/ping": ping,
  "/api/requests/[id]": requestsId,
  "/api/users/[id]/diagnosis": usersIdDiagnosis,
  "/api/users/[id]/export": usersIdExport,
  "/api/users/[id]/reset-factors": usersIdResetFactors,
  "/api/users/[id]/revoke-sessions": usersIdRevokeSessions,
  "/api/users/[id]": usersId,
  "/api/users/[id]/send-reset": usersIdSendReset,
  "/api/users/[id]/sessions": usersIdSessions,
  "/api/users/[id]/unlock": usersIdUnlock,
  "/api/users/[id]/verification": usersIdVerification,
  "/api/users": users,
};
