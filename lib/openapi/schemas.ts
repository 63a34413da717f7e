import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";

// What the JSON API answers with: one zod schema per body. The serializers are typed with
// `z.infer` of these (so a field added to one and not the other fails the typecheck), the
// route specs declare them in `responses` (so the OpenAPI document is built from them), the
// contract test validates real answers against the document, and the CLI and the e2e helper
// take their types from here. No server-only imports: type-only consumers load nothing.

const dateTime = () => z.iso.datetime();
const nullableDateTime = () => z.iso.datetime().nullable();
const role = z.enum(Role);

export const messageSchema = z.object({ message: z.string() }).meta({ id: "Message" });

export const emailVerifiedSchema = z
  .object({ message: z.string(), email: z.string(), changed: z.boolean().meta({ description: "true when the link confirmed an email change" }) })
  .meta({ id: "EmailVerified" });

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role }).meta({ id: "User" });

export const meSchema = userSchema.extend({ created_at: dateTime() }).meta({ id: "Me" });

export const signedInSchema = z
  .object({ token: z.string(), expires_at: dateTime(), user: userSchema })
  .meta({ id: "SignedIn", description: "A new session: the bearer token (also set as the session cookie) and the user." });

export const passwordResetSchema = signedInSchema.extend({ message: z.string() }).meta({ id: "PasswordReset" });

export const passwordChangedSchema = z.object({ message: z.string(), sessions_revoked: z.number().int() }).meta({ id: "PasswordChanged" });

export const refreshedSchema = z.object({ token: z.string(), expires_at: dateTime() }).meta({ id: "Refreshed" });

export const sessionSchema = z
  .object({
    id: z.string(),
    created_at: dateTime(),
    last_seen_at: dateTime(),
    expires_at: dateTime(),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
  })
  .meta({ id: "Session" });

export const ownSessionsSchema = z
  .object({ sessions: z.array(sessionSchema.extend({ current: z.boolean() })) })
  .meta({ id: "OwnSessions" });

export const connectedAccountsSchema = z
  .array(z.object({ provider: z.enum(["oidc", "github", "google"]), connected_at: dateTime() }))
  .meta({ id: "ConnectedAccounts", description: "Your identities at sign-in providers: no provider tokens are kept." });

export const userSessionsSchema = z.object({ sessions: z.array(sessionSchema) }).meta({ id: "UserSessions" });

export const profileSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role,
    is_active: z.boolean(),
    email_verified: nullableDateTime(),
    failed_login_count: z.number().int(),
    locked_until: nullableDateTime(),
    last_login_at: nullableDateTime(),
    deactivated_at: nullableDateTime(),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .meta({ id: "Profile" });

const page = { total: z.number().int(), page: z.number().int(), page_size: z.number().int(), pages: z.number().int() };

export const userSearchResultSchema = z
  .object({
    ...page,
    users: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string().nullable(),
        role,
        status: z.enum(["active", "deactivated", "locked"]),
        last_login_at: nullableDateTime(),
        created_at: dateTime(),
      }),
    ),
  })
  .meta({ id: "UserSearchResult" });

export const auditEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    outcome: z.string(),
    actor_id: z.string().nullable(),
    target_user_id: z.string().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
    metadata: z.unknown(),
    created_at: dateTime(),
  })
  .meta({ id: "AuditEvent" });

export const auditPageSchema = z.object({ ...page, events: z.array(auditEventSchema) }).meta({ id: "AuditPage" });

export const requestTraceSchema = z
  .object({
    request_id: z.string(),
    request: z
      .object({ started_at: dateTime(), method: z.string(), route: z.string(), status: z.number().int(), duration_ms: z.number() })
      .nullable()
      .describe("How this instance answered it (kept in memory, about the last hour); null when another instance did."),
    events: z.array(auditEventSchema),
  })
  .meta({ id: "RequestTrace" });

export const blockerSchema = z
  .object({
    kind: z.enum(["deactivated", "locked", "rate_limited", "no_password", "provider_only", "wrong_codes", "no_recovery_codes", "mail_undelivered", "email_unverified", "pending_email_change", "none"]),
    summary: z.string().describe("What blocks sign-in right now, in words a support person can read out."),
    remedy: z.string(),
    action: z.enum(["reactivate", "unlock", "send_reset", "send_verification", "reset_factors"]).nullable().describe("Which console action fixes it, if any."),
  })
  .meta({ id: "Blocker" });

export const factorSummarySchema = z
  .object({
    totp: z.object({ enabled: z.boolean(), created_at: nullableDateTime(), last_used_at: nullableDateTime() }),
    passkeys: z.array(z.object({ id: z.string(), name: z.string(), created_at: dateTime(), last_used_at: nullableDateTime(), backed_up: z.boolean() })),
    recovery_codes: z.object({ remaining: z.number().int() }),
  })
  .meta({ id: "Factors", description: "A user's second factors by name and date: never a secret." });

export const diagnosisSchema = z.object({ blockers: z.array(blockerSchema), factors: factorSummarySchema }).meta({ id: "Diagnosis" });

export const secondFactorRequiredSchema = z
  .object({
    mfa_required: z.literal(true),
    mfa_token: z.string().describe("For POST /api/auth/login/mfa or /api/auth/passkeys/login: single use, 5 minutes, dies after 5 wrong codes."),
    expires_at: dateTime(),
    methods: z.array(z.enum(["totp", "recovery_code", "passkey"])),
  })
  .meta({ id: "SecondFactorRequired", description: "The password was right; no session yet: prove a second factor." });

export const passwordSignInSchema = z
  .union([signedInSchema.extend({ mfa_setup_required: z.literal(true).optional().describe("Staff without a second factor: their staff powers answer 403 mfa_required until they set one up.") }), secondFactorRequiredSchema])
  .meta({ id: "PasswordSignIn" });

export const totpEnrolmentSchema = z
  .object({ secret: z.string().describe("Base32, for manual entry"), otpauth_url: z.string().describe("The otpauth:// URL a QR code carries") })
  .meta({ id: "TotpEnrolment", description: "A pending enrolment: active once confirmed with a code." });

export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()).length(10) }).meta({ id: "RecoveryCodes", description: "Shown once; stored only as keyed hashes." });

export const reauthenticatedSchema = z.object({ message: z.string(), authenticated_at: dateTime() }).meta({ id: "Reauthenticated" });

export const passkeyCreatedSchema = z.object({ id: z.string(), name: z.string(), created_at: dateTime() }).meta({ id: "PasskeyCreated" });

export const webauthnOptionsSchema = z
  .looseObject({ challenge: z.string() })
  .meta({ id: "WebAuthnOptions", description: "PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON, for @simplewebauthn/browser." });

export const revokedSchema = z.object({ message: z.string(), revoked: z.number().int() }).meta({ id: "Revoked" });

const nullableMs = z.number().nullable();

export const requestSummarySchema = z
  .object({
    from: dateTime(),
    to: dateTime(),
    total: z.number().int(),
    success_rate: z.number().nullable().describe("Percentage of 2xx/3xx answers."),
    latency_ms: z.object({ p50: nullableMs, p95: nullableMs, p99: nullableMs }),
    by_status: z.record(z.string(), z.number().int()),
    errors: z.array(z.object({ status: z.number().int(), route: z.string(), count: z.number().int() })),
    top_routes: z.array(z.object({ route: z.string(), count: z.number().int(), p95_ms: nullableMs })),
  })
  .meta({ id: "RequestSummary" });

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).describe("down: a required check failed (503); degraded: only an optional one (Redis) (200)"),
    version: z.string(),
    uptime_s: z.number().int().describe("Seconds since the process started"),
    checks: z.record(z.string(), z.object({ status: z.enum(["ok", "down"]), latency_ms: z.number() })).describe("database always; redis with REDIS_URL"),
    failed: z.array(z.string()).describe("The checks that failed"),
    mail: z
      .object({ depth: z.number().int(), oldest_undelivered_age_s: z.number().nullable(), dead: z.number().int() })
      .nullable()
      .describe("The mail queue, as information: it never changes the status (null while the database is down)"),
  })
  .meta({ id: "Health" });

export const pingSchema = z.object({ status: z.literal("ok") }).meta({ id: "Ping" });

const exportedAt = z.union([dateTime(), z.null()]);

export const userExportSchema = z
  .object({
    exported_at: dateTime(),
    profile: profileSchema.extend({ has_password: z.boolean() }),
    sessions: z.array(
      z.object({ id: z.string(), createdAt: dateTime(), lastSeenAt: dateTime(), expires: dateTime(), ipAddress: z.string().nullable(), userAgent: z.string().nullable() }),
    ),
    linked_accounts: z.array(z.object({ provider: z.string(), type: z.string() })),
    second_factors: factorSummarySchema,
    audit_events: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        outcome: z.string(),
        actorId: z.string().nullable(),
        targetUserId: z.string().nullable(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        requestId: z.string().nullable(),
        metadata: z.unknown(),
        createdAt: dateTime(),
      }),
    ),
    mail: z.array(z.object({ subject: z.string(), kind: z.string(), status: z.string(), createdAt: dateTime(), sentAt: exportedAt })),
    password_reset_requests: z.array(z.object({ createdAt: dateTime(), expires: dateTime(), usedAt: exportedAt })),
    email_links: z
      .array(z.object({ purpose: z.enum(["verify", "change"]), email: z.string(), createdAt: dateTime(), expires: dateTime(), usedAt: exportedAt }))
      .describe("Verification and email-change links mailed (never their tokens)."),
  })
  .meta({ id: "UserExport", description: "Everything stored about the user (GDPR access request)." });

export const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: "OpenApiDocument", description: "This document." });

/** The API's error body (SPEC 5). `fields` comes with validation_error; `retry_after` with 429, 503 and account_locked. */
export const errorBodySchema = z
  .object({
    error: z.string().describe("A stable code; see lib/http/errors.ts ERROR_STATUS."),
    message: z.string().describe("For people; may change."),
    request_id: z.string().describe("Also in the X-Request-Id header: quote it to support."),
    fields: z.record(z.string(), z.string()).optional().describe("validation_error: each invalid field and what is wrong with it."),
    retry_after: z.number().int().optional().describe("Seconds to wait (also in the Retry-After header)."),
  })
  .meta({ id: "Error" });

export type Message = z.infer<typeof messageSchema>;
export type UserJson = z.infer<typeof userSchema>;
export type SignedInJson = z.infer<typeof signedInSchema>;
export type SessionJson = z.infer<typeof sessionSchema>;
export type UserProfile = z.infer<typeof profileSchema>;
export type UserSearchResult = z.infer<typeof userSearchResultSchema>;
export type AuditEventJson = z.infer<typeof auditEventSchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type RequestTrace = z.infer<typeof requestTraceSchema>;
export type Blocker = z.infer<typeof blockerSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type FactorSummary = z.infer<typeof factorSummarySchema>;
export type UserSessions = z.infer<typeof userSessionsSchema>;
export type Revoked = z.infer<typeof revokedSchema>;
export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type Health = z.infer<typeof healthSchema>;
export type ApiErrorBody = z.infer<typeof errorBodySchema>;
