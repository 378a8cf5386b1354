// `npm test`: the whole suite, on PostgreSQL and on embedded PGlite, plus a smoke test of
// the real server process. Checks first that the servers the tests talk to are answering,
// then generates the Prisma client and builds the portal, then runs vitest.
// Extra arguments go to vitest, e.g. `npm test -- --project pglite tests/api-first-cut.test.ts`.
import { spawnSync } from "node:child_process";
import { connect } from "node:net";

const pgUrl = new URL(process.env.HUB_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const redisUrl = new URL(process.env.HUB_TEST_REDIS_URL ?? "redis://127.0.0.1:6379");

function answers(host, port, probe, expect) {
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => (probe ? socket.write(probe) : done(true)));
    socket.on("data", (data) => done(expect.test(String(data))));
  });
}

const missing = [];
if (!(await answers(pgUrl.hostname, pgUrl.port || 5432, null))) missing.push(`PostgreSQL at ${pgUrl.host}`);
if (!(await answers(redisUrl.hostname, redisUrl.port || 6379, "PING\r\n", /PONG/))) missing.push(`Redis at ${redisUrl.host}`);
if (missing.length) {
  console.error(`The tests talk to real servers, and these do not answer: ${missing.join(", ")}.
Start them (see README, "Running the tests"), or point HUB_TEST_DATABASE_URL / HUB_TEST_REDIS_URL at yours.`);
  process.exit(1);
}

const step = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step("npx", ["turbo", "run", "generate", "build", "--output-logs=errors-only"]);
step("npx", ["vitest", "run", ...process.argv.slice(2)]);
