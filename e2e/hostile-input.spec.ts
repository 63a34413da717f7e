import net from "node:net";
import fc from "fast-check";
import { expect, test } from "./fixtures";
import { loginPage } from "./pages/login-page";

// Input that used to reach Next's plain-text 500 on the real server: every one is a 4xx with
// our JSON error body (or a page of ours), and a short property-based run of form posts to
// the pages keeps it so. The JSON endpoints are fuzzed in-process (app/api/fuzz.int.test.ts).

const jsonError = { error: expect.any(String), message: expect.any(String), request_id: expect.any(String) };

test("undecodable and NUL paths, NUL queries and a bad cookie answer 4xx with our JSON body", async ({ request }) => {
  // Pages through proxy.ts, /api/* through route() and the Auth.js catch-all (the proxy does
  // not run there): the same URL rule and the same headers on the refusal.
  const paths = ["/api/users/%FF", "/admin/users/%E0%A4%A", "/dashboard?x=%00", "/api/users/%00", "/api/users?query=%00", "/api/audit?type=%00"];
  paths.push("/api/ping?x%00=1", "/api/health?a=%00", "/api/no-such-endpoint/%FF", "/api/auth/session?x=%00", "/api/auth/%E0%A4%A");
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.json(), path).toMatchObject(jsonError);
    expect(res.headers()["x-request-id"], path).toBe((await res.json()).request_id);
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers()["cache-control"], path).toMatch(/\bno-store\b/);
    expect(res.headers()["content-security-policy"], path).toBeTruthy();
  }
  const forgot = await request.post("/api/auth/password/forgot", { data: { email: "someone@example.test" }, headers: { cookie: "authjs.session-token=%E0%A4%A", "sec-fetch-site": "same-origin" } });
  expect(forgot.status()).toBe(202);
});

/** One raw HTTP/1.1 request (a target no HTTP client library sends); the status line and headers. */
function rawRequest(baseURL: string, target: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port, host } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on("data", (chunk) => (data += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head, body = ""] = data.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
  });
}

test("a request target that is no path is a 400, and the absolute form is served like the path", async ({ baseURL }) => {
  // Next answered "*" with its plain-text 500 and the absolute form (what a proxy may send)
  // with a redirect to itself; scripts/serve.mjs now refuses the one and serves the other.
  for (const target of ["*", "ftp://x/api/ping"]) {
    const res = await rawRequest(baseURL!, target);
    expect(res.status, target).toBe(400);
    expect(res.headers["x-content-type-options"], target).toBe("nosniff");
  }
  const absolute = await rawRequest(baseURL!, `${baseURL}/api/ping?via=absolute`);
  expect(absolute.status).toBe(200);
  expect(absolute.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(absolute.headers["x-content-type-options"]).toBe("nosniff");
  expect(absolute.headers["cache-control"]).toBe("no-store");
  const page = await rawRequest(baseURL!, `${baseURL}/login`);
  expect(page.status).toBe(200);
  expect(page.headers["content-security-policy"]).toMatch(/nonce-/);
});

test("a cross-site server action is refused with 403, and a malformed multipart post with 400", async ({ request, baseURL }) => {
  const action = await request.post("/login", { headers: { "next-action": "00".repeat(21), origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" }, data: "[]" });
  expect(action.status()).toBe(403);
  expect(await action.json()).toMatchObject({ ...jsonError, error: "csrf_rejected" });
  const noOrigin = await request.post("/settings", { headers: { "next-action": "00".repeat(21), "sec-fetch-site": "cross-site", cookie: "authjs.session-token=abc" }, data: "[]" });
  expect(noOrigin.status()).toBe(403);
  const broken = await request.post("/login", { headers: { origin: new URL(baseURL!).origin, "content-type": "multipart/form-data; boundary=xyz" }, data: "--xyz\r\nbroken" });
  expect(broken.status()).toBe(400);
  expect(await broken.json()).toMatchObject(jsonError);
});

test("?next= with U+3000 and U+FF0F after a successful sign-in lands on our own page, not a 500", async ({ page, user }) => {
  const login = loginPage(page);
  await login.goto("/dashboard\u3000\uff0f");
  const answers: number[] = [];
  page.on("response", (r) => answers.push(r.status()));
  await login.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard%E3%80%80%EF%BC%8F$/);
  expect(answers.filter((s) => s >= 500)).toEqual([]);
});

test("arbitrary form posts to the pages never get a 5xx", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const pages = ["/login", "/register", "/forgot-password", "/reset-password", "/settings", "/dashboard", "/admin", "/admin/users/x", "/admin/audit"];
  const value = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("\u0000", "%E0%A4%A", "\u202e", "x".repeat(2000)));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...pages),
      fc.dictionary(fc.oneof(fc.constantFrom("email", "password", "name", "next", "$ACTION_ID_00", "$ACTION_REF_1", "$ACTION_1:0", "1_$ACTION_ID_x"), fc.string()), value, { maxKeys: 4 }),
      fc.constantFrom("multipart", "urlencoded", "raw-multipart", "action-header"),
      fc.constantFrom(origin, "https://evil.example", undefined),
      async (path, fields, kind, from) => {
        const headers: Record<string, string> = from ? { origin: from } : {};
        let res;
        if (kind === "multipart") res = await request.post(path, { headers, multipart: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k || "x", v])) });
        else if (kind === "urlencoded") res = await request.post(path, { headers, form: fields });
        else if (kind === "raw-multipart") res = await request.post(path, { headers: { ...headers, "content-type": "multipart/form-data; boundary=b" }, data: `--b\r\n${Object.values(fields).join("\r\n")}` });
        else res = await request.post(path, { headers: { ...headers, "next-action": Object.values(fields)[0]?.replace(/[^\x21-\x7e]/g, "") || "ff", "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(Object.values(fields)) });
        expect(res.status(), `${kind} ${path} ${JSON.stringify(fields).slice(0, 200)}`).toBeLessThan(500);
      },
    ),
    { numRuns: 150, endOnFailure: true },
  );
});
