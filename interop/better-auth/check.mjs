// Better Auth interop check: TaskPilot must accept JWTs issued by a real
// Better Auth server (JWT plugin, default EdDSA keys) and reject forged,
// expired, wrong-audience and wrong-issuer ones.
//
//   node check.mjs                      Better Auth + TaskPilot (the full check)
//   node check.mjs --better-auth-only   only the Better Auth half
//
// TASKPILOT_BIN names the TaskPilot binary (default: target/release/taskpilot
// under the repository root). Prints `ok - ...` / `FAIL - ...` lines and ends
// with `N passed, N failed`; exits 0 only when nothing failed.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { startBetterAuth } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const taskpilotBin = resolve(process.env.TASKPILOT_BIN ?? join(repoRoot, "target/release/taskpilot"));
const betterAuthOnly = process.argv.includes("--better-auth-only");
const REQUEST_TIMEOUT_MS = 10_000;
const STARTUP_TIMEOUT_MS = 30_000;

let passed = 0;
let failed = 0;

/** Records one check and prints its TAP-like line. */
function report(ok, description, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok - ${description}`);
  } else {
    failed += 1;
    console.log(`FAIL - ${description}${detail ? `: ${detail}` : ""}`);
  }
}

const base64url = {
  encode: (json) => Buffer.from(JSON.stringify(json)).toString("base64url"),
  decode: (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")),
};

/** Splits a compact JWS into its decoded header and payload. */
function decodeJwt(token) {
  const [header, payload] = token.split(".");
  return { header: base64url.decode(header), payload: base64url.decode(payload) };
}

/**
 * Changes the first character of the signature. Not the last: in an Ed25519
 * signature (86 base64url characters) the last one carries 4 unused bits, so
 * a lenient decoder may read an edited last character as the same bytes.
 */
function withBrokenSignature(token) {
  const [header, payload, signature] = token.split(".");
  const first = signature[0] === "A" ? "B" : "A";
  return `${header}.${payload}.${first}${signature.slice(1)}`;
}

/** Re-encodes the payload with another `sub`, keeping the original signature. */
function withForgedPayload(token) {
  const [header, payload, signature] = token.split(".");
  const claims = { ...base64url.decode(payload), sub: "someone-else", id: "someone-else" };
  return `${header}.${base64url.encode(claims)}.${signature}`;
}

/** An unsigned token (`alg: none`) carrying the genuine claims. */
function withAlgNone(token) {
  const { header, payload } = decodeJwt(token);
  return `${base64url.encode({ ...header, alg: "none" })}.${base64url.encode(payload)}.`;
}

function fetchWithTimeout(url, init = {}) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** Signs a user up on Better Auth and returns `{ userId, sessionToken, jwt }`. */
async function signUpAndGetJwt(betterAuthUrl) {
  const signUp = await fetchWithTimeout(`${betterAuthUrl}/api/auth/sign-up/email`, {
    method: "POST",
    // Node's fetch sends `sec-fetch-mode: cors`, so Better Auth checks the
    // Origin as it would a browser's; a same-origin page sends its own.
    headers: { "content-type": "application/json", origin: betterAuthUrl },
    body: JSON.stringify({
      name: "Interop Check",
      email: `interop-${Date.now()}@example.com`,
      password: "correct horse battery staple",
    }),
  });
  if (signUp.status !== 200) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const { token: sessionToken, user } = await signUp.json();
  // The session cookie is what Better Auth's own client sends; a bearer session
  // token would need the bearer plugin.
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("better-auth.session_token="));
  if (!cookie) throw new Error("sign-up set no better-auth.session_token cookie");

  const tokenResponse = await fetchWithTimeout(`${betterAuthUrl}/api/auth/token`, {
    headers: { cookie, origin: betterAuthUrl },
  });
  if (tokenResponse.status !== 200) throw new Error(`/api/auth/token answered ${tokenResponse.status}`);
  const { token: jwt } = await tokenResponse.json();
  return { userId: user.id, sessionToken, jwt };
}

/** Checks the Better Auth half: token shape, claims and JWKS. */
async function checkBetterAuthToken(betterAuthUrl, { userId, jwt }) {
  const { header, payload } = decodeJwt(jwt);
  const jwks = await (await fetchWithTimeout(`${betterAuthUrl}/api/auth/jwks`)).json();
  const key = jwks.keys?.find((k) => k.kid === header.kid);
  report(header.alg === "EdDSA", "Better Auth JWT header alg is EdDSA", JSON.stringify(header));
  report(Boolean(key), "JWT kid is published in /api/auth/jwks", JSON.stringify(jwks));
  report(
    key?.kty === "OKP" && key?.crv === "Ed25519" && key?.alg === "EdDSA" && typeof key?.x === "string",
    "JWKS key is an Ed25519 OKP key",
    JSON.stringify(key),
  );
  report(
    payload.iss === betterAuthUrl && payload.aud === betterAuthUrl,
    "JWT iss and aud are the Better Auth URL",
    `iss=${payload.iss} aud=${payload.aud}`,
  );
  const now = Math.floor(Date.now() / 1000);
  report(
    payload.sub === userId && payload.exp - payload.iat === 15 * 60 && Math.abs(payload.iat - now) < 60,
    "JWT sub is the user id and it lives 15 minutes",
    JSON.stringify(payload),
  );
  console.log(`# JWT header  ${JSON.stringify(header)}`);
  console.log(`# JWT payload ${JSON.stringify(payload)}`);
  console.log(`# JWKS        ${JSON.stringify(jwks)}`);
}

/** Finds a free loopback port (the OS picks; we release it straight away). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Spawns TaskPilot trusting `betterAuthUrl`. Returns `{ url, stop, ready }`:
 * register `stop` for clean-up first, then await `ready()` (resolves once
 * /healthz answers 200, throws with the log's tail if it never does).
 */
async function spawnTaskPilot(betterAuthUrl, workDir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = join(workDir, "taskpilot.log");
  const log = openSync(logPath, "w");
  const child = spawn(
    taskpilotBin,
    ["--port", String(port), "--database-url", `sqlite:${join(workDir, "taskpilot.db")}`],
    { env: { ...process.env, BETTER_AUTH_URL: betterAuthUrl }, stdio: ["ignore", log, log] },
  );
  let exitStatus = null;
  const exited = new Promise((resolveExit) =>
    child.once("exit", (code, signal) => resolveExit((exitStatus = { code, signal }))),
  );

  const stop = async () => {
    if (exitStatus) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const logTail = () => readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n");

  const ready = async () => {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exitStatus) throw new Error(`TaskPilot exited during start-up (${JSON.stringify(exitStatus)}):\n${logTail()}`);
      try {
        const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
        if (health.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`TaskPilot did not answer /healthz within ${STARTUP_TIMEOUT_MS / 1000} s:\n${logTail()}`);
  };
  return { url, stop, ready };
}

/** POSTs `threads.list` to TaskPilot with `token` (or no header) and returns the status. */
async function threadsListStatus(taskpilotUrl, token) {
  const headers = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetchWithTimeout(`${taskpilotUrl}/chatkit`, {
    method: "POST",
    headers,
    body: JSON.stringify({ type: "threads.list", params: {} }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The TaskPilot half: which tokens /chatkit accepts. */
async function checkTaskPilot(taskpilotUrl, betterAuthUrl, auth, { userId, sessionToken, jwt }) {
  const now = Math.floor(Date.now() / 1000);
  // The plugin's server-only signJWT uses the same key as /api/auth/token, so
  // these tokens differ from a genuine one only in the claim under test.
  const sign = async (claims) =>
    (await auth.api.signJWT({ body: { payload: { sub: userId, iat: now, exp: now + 900, ...claims } } })).token;

  const cases = [
    ["genuine Better Auth JWT", jwt, 200],
    ["JWT signed server-side by the plugin with valid claims", await sign({}), 200],
    ["JWT with one signature character changed", withBrokenSignature(jwt), 401],
    ["JWT with its payload re-encoded (different sub)", withForgedPayload(jwt), 401],
    ["expired Better Auth JWT (exp 10 minutes ago)", await sign({ iat: now - 1800, exp: now - 600 }), 401],
    ["Better Auth JWT for another audience", await sign({ aud: "https://not-taskpilot.example" }), 401],
    ["Better Auth JWT from another issuer", await sign({ iss: "https://not-better-auth.example" }), 401],
    ["unsigned JWT (alg none)", withAlgNone(jwt), 401],
    ["Better Auth session token instead of a JWT", sessionToken, 401],
    ["no Authorization header", undefined, 401],
  ];
  for (const [description, token, expected] of cases) {
    try {
      const status = await threadsListStatus(taskpilotUrl, token);
      report(status === expected, `${description} -> ${expected}`, `got ${status}`);
    } catch (error) {
      report(false, `${description} -> ${expected}`, error.message);
    }
  }
}

async function main() {
  const cleanups = [];
  const cleanUp = async () => {
    while (cleanups.length > 0) await cleanups.pop()().catch(() => {});
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => cleanUp().then(() => process.exit(130)));
  }

  try {
    const betterAuth = await startBetterAuth();
    cleanups.push(betterAuth.close);
    console.log(`# Better Auth at ${betterAuth.url}`);

    let session;
    try {
      session = await signUpAndGetJwt(betterAuth.url);
      report(true, "signed up on Better Auth and got a JWT from /api/auth/token");
    } catch (error) {
      report(false, "signed up on Better Auth and got a JWT from /api/auth/token", error.message);
      return;
    }
    await checkBetterAuthToken(betterAuth.url, session);
    if (betterAuthOnly) return;

    if (!existsSync(taskpilotBin)) {
      report(false, "TaskPilot binary exists", `${taskpilotBin} not found (build it or set TASKPILOT_BIN)`);
      return;
    }
    const workDir = mkdtempSync(join(tmpdir(), "taskpilot-interop-"));
    cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
    const taskpilot = await spawnTaskPilot(betterAuth.url, workDir);
    cleanups.push(taskpilot.stop);
    try {
      await taskpilot.ready();
      report(true, `TaskPilot started with BETTER_AUTH_URL=${betterAuth.url}`);
    } catch (error) {
      report(false, "TaskPilot started", error.message);
      return;
    }
    await checkTaskPilot(taskpilot.url, betterAuth.url, betterAuth.auth, session);
  } catch (error) {
    report(false, "check ran to completion", error.stack ?? String(error));
  } finally {
    await cleanUp();
    console.log(`${passed} passed, ${failed} failed`);
  }
}

await main();
process.exit(failed === 0 && passed > 0 ? 0 : 1);
