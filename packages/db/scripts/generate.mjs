// Generates the Prisma client from prisma/schema.prisma. `prisma generate` never runs the
// schema engine, but the CLI insists the binary exists and would download it otherwise;
// pointing it at any existing file keeps this step offline.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const run = spawnSync(process.execPath, [cli, "generate", "--no-hints"], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
