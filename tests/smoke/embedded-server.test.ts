// The README's first command, as a new user runs it: the real server process on embedded
// PGlite in a fresh data folder, a demo token from the CLI, a GraphQL query over HTTP.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe("embedded mode, real server process", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let output = "";
  let base: string;

  async function startServer() {
    output = "";
    server = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const until = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
      const ready = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      if (Date.now() > until) throw new Error(`server did not become ready: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function stopServer() {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }

  const token = async (email: string) =>
    (await run(process.execPath, ["--import", "tsx", "apps/api/src/cli.ts", "token", email], { cwd: root, env })).stdout.trim();

  const viewer = async (tokenValue: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokenValue}` },
      body: JSON.stringify({ query: "{ viewer { name organisation { name } } }" }),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "hub-smoke-"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _ignored, REDIS_URL: _alsoIgnored, ...rest } = process.env;
    env = { ...rest, HUB_DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: "info" };
    await startServer();
  });

  afterAll(async () => {
    await stopServer();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers viewer for a demo token printed by `npm run hub -- token`", async () => {
    const res = await viewer(await token("isva@northshire-rapecrisis.example.org"));
    expect(res).toEqual({ status: 200, body: { data: { viewer: { name: "Amira Khan", organisation: { name: "Northshire Rape Crisis" } } } } });
  });

  it("keeps its signing key private to its owner and publishes only the public key", async () => {
    expect(statSync(path.join(dataDir, "keys", "signing-key.json")).mode & 0o077).toBe(0);
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("serves the portal at /", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<title>Victims' Partnership Hub</title>");
  });

  it("keeps its data and keys across a restart, without seeding twice", async () => {
    const before = await token("wcu.officer@northshire-police.example.org");
    await stopServer();
    await startServer();
    expect((await viewer(before)).status).toBe(200);
    expect(output).not.toContain("demo partnership seeded");
    const orgs = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${before}` },
      body: JSON.stringify({ query: "{ organisations { id } }" }),
    }).then((r) => r.json() as Promise<{ data: { organisations: unknown[] } }>);
    expect(orgs.data.organisations).toHaveLength(8);
  });

  it("never writes victim data or tokens to its log", async () => {
    expect(output).not.toMatch(/Alex Morgan|12 Elm Row|07700 9001|eyJ[A-Za-z0-9_-]{20,}/);
  });
});
