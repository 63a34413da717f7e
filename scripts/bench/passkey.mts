// npm run bench:passkey — what a passkey sign-in costs on the server: the functions behind
// POST /api/auth/passkeys/login/options and POST /api/auth/passkeys/login (per-IP limit,
// challenge store, signature check, counter, session, audit; the route wrapper adds about a
// millisecond) on an in-memory embedded database. The "authenticator" is a P-256 key in this process that signs
// assertions the way a platform authenticator does (user present and verified). Prints p50
// and p95 of 20 sign-ins after 3 warm-up runs.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

process.env.PGLITE_DIR = "memory://";
process.env.DATABASE_URL = "";
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
// The per-IP sign-in limit would stop a loop from one address: it is measured, not disabled, in bench:login.
process.env.RATE_LIMITS_ENABLED = "false";

const RUNS = 20;
const WARMUP = 3;

const { isoCBOR } = await import("@simplewebauthn/server/helpers");
const { ensureDatabase, closeDatabase, prisma } = await import("@/lib/db/client");
const { passkeyLoginOptions, signInWithPasskey } = await import("@/lib/mfa/passkeys");
const ctx = { requestId: "bench", ip: "10.0.0.1", userAgent: "bench" };

await ensureDatabase();
const user = await prisma().user.create({ data: { email: `bench-${randomBytes(4).toString("hex")}@example.test`, name: "Bench" }, select: { id: true } });

const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = publicKey.export({ format: "jwk" });
const cose = isoCBOR.encode(
  new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]),
);
const credentialId = randomBytes(16).toString("base64url");
await prisma().passkey.create({ data: { userId: user.id, credentialId, publicKey: Buffer.from(cose), deviceType: "singleDevice", name: "bench" } });

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();
let counter = 0;

function assertion(challenge: string) {
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: "http://localhost:3000", crossOrigin: false }));
  const count = Buffer.alloc(4);
  count.writeUInt32BE(++counter);
  const authenticatorData = Buffer.concat([sha256("localhost"), Buffer.from([0x05]), count]); // UP | UV
  const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), privateKey);
  const b64 = (b: Buffer) => b.toString("base64url");
  return {
    id: credentialId,
    rawId: credentialId,
    type: "public-key",
    clientExtensionResults: {},
    response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authenticatorData), signature: b64(signature), userHandle: b64(Buffer.from(user.id)) },
  };
}

const timings: { options: number; login: number }[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  const options = await passkeyLoginOptions(ctx);
  const t1 = performance.now();
  await signInWithPasskey(assertion(options.challenge) as never, ctx);
  const t2 = performance.now();
  if (i >= WARMUP) timings.push({ options: t1 - t0, login: t2 - t1 });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const row = (name: string, xs: number[]) => console.log(`${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms`);
console.log(`passkey sign-in, server side, ${RUNS} runs on the embedded database (node ${process.version})`);
row("login options (challenge stored)", timings.map((t) => t.options));
row("sign-in (verify, session, audit)", timings.map((t) => t.login));
row("both", timings.map((t) => t.options + t.login));
await closeDatabase();
