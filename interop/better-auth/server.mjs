// A real Better Auth server (email + password, JWT plugin with its default
// EdDSA keys) on 127.0.0.1, used to check that TaskPilot accepts its JWTs.
//
//   node server.mjs [--port P] [--db FILE]    (port 0 = any free port)
//
// prints `Better Auth listening on http://127.0.0.1:<port>` once it is ready.
// check.mjs imports `startBetterAuth` instead, so it can also reach the
// plugin's server-only `signJWT` API to mint expired and wrong-audience tokens
// with the very key TaskPilot trusts.

import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import { jwt } from "better-auth/plugins";

/**
 * Starts Better Auth on 127.0.0.1:`port` backed by SQLite at `dbPath`
 * (":memory:" by default). Resolves to `{ url, auth, close }`.
 */
export async function startBetterAuth({ port = 0, dbPath = ":memory:" } = {}) {
  const http = createServer();
  // The base URL (and so the JWT issuer and audience) must name the real
  // port, so bind first and build the auth instance afterwards.
  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${http.address().port}`;

  const options = {
    baseURL: url,
    // A fresh secret per run: it only encrypts this run's private keys.
    secret: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex"),
    database: new Database(dbPath),
    emailAndPassword: { enabled: true },
    plugins: [jwt()],
    telemetry: { enabled: false },
  };
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  const auth = betterAuth(options);
  http.on("request", toNodeHandler(auth));

  const close = () =>
    new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => {
        options.database.close();
        resolve();
      });
    });
  return { url, auth, close };
}

const runDirectly = import.meta.url === pathToFileURL(process.argv[1] ?? "").href;
if (runDirectly) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PORT ?? "0" },
      db: { type: "string", default: ":memory:" },
    },
  });
  const server = await startBetterAuth({ port: Number(values.port), dbPath: values.db });
  console.log(`Better Auth listening on ${server.url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => server.close().then(() => process.exit(0)));
  }
}
