// The hub as a new user runs it: the real server process, embedded mode, a fresh data
// folder and a free loopback port, so smoke tests exercise exactly what `npm start` does.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export interface ServerProcess {
  base: string;
  dataDir: string;
  /** Everything the process printed since it last started. */
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** How the process last ended: its exit code, or the signal that ended it. */
  lastExit(): { code: number | null; signal: string | null } | null;
  /** `npm run hub -- <args>` against the same data folder. */
  cli(...args: string[]): Promise<string>;
  /** Stops the process and deletes its data folder. */
  dispose(): Promise<void>;
}

/** `settings`: more of the hub's environment, e.g. HUB_SEED_DEMO. */
export async function embeddedServer(settings: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hub-smoke-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _db, REDIS_URL: _redis, OIDC_ISSUER: _issuer, OIDC_JWKS_URL: _jwks, ...rest } = process.env;
  const env = { ...rest, ...settings, HUB_DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: "info" };
  let child: ChildProcess | undefined;
  let output = "";
  let lastExit: { code: number | null; signal: string | null } | null = null;

  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child!.once("exit", (code, signal) => {
      lastExit = { code, signal };
      r();
    }));
    child.kill("SIGTERM");
    await exited;
  };

  return {
    base,
    dataDir,
    output: () => output,
    lastExit: () => lastExit,
    async start() {
      output = "";
      child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const until = Date.now() + 90_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
        if (await fetch(`${base}/health/ready`).then((r) => r.ok, () => false)) return;
        if (Date.now() > until) throw new Error(`server did not become ready: ${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop,
    async cli(...args) {
      return (await run(process.execPath, ["--import", "tsx", "apps/api/src/cli.ts", ...args], { cwd: root, env })).stdout.trim();
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
