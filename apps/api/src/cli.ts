// `npm run hub -- <command>`: small operator commands.
//   token <email>   print an access token for a demo user (embedded identity only)
//   seed-demo       load the demo partnership into an empty database (e.g. PostgreSQL)
import { readConfig } from "@hub/config";
import { migrate, openDatabase } from "@hub/db";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { loadEmbeddedIssuer } from "./identity/index.js";

const [command, ...args] = process.argv.slice(2);
const config = readConfig();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function subjectFor(email: string): Promise<string> {
  // The embedded database belongs to the running hub process (PGlite is single-process),
  // so in embedded mode tokens are for the demo users, whose subjects are fixed.
  if (config.database.kind === "pglite") {
    const user = DEMO_USERS.find((u) => u.email === email.toLowerCase());
    if (!user) fail(`No demo user has the email ${email}. Demo users:\n${DEMO_USERS.map((u) => `  ${u.email}`).join("\n")}`);
    return user.oidcSubject;
  }
  const db = await openDatabase(config.database);
  try {
    const user = await db.prisma.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) fail(`No user has the email ${email}.`);
    return user.oidcSubject;
  } finally {
    await db.close();
  }
}

switch (command) {
  case "token": {
    const email = args[0] ?? fail("Usage: npm run hub -- token <email>");
    if (config.identity.kind !== "embedded") fail("This hub uses the partnership's identity provider: get tokens by signing in there.");
    const issuer = await loadEmbeddedIssuer(config.identity);
    console.log(await issuer.issueAccessToken(await subjectFor(email)));
    break;
  }
  case "seed-demo": {
    const db = await openDatabase(config.database);
    try {
      await migrate(db.sql);
      const { seeded } = await seedDemoPartnership(db.prisma);
      console.log(seeded ? "Demo partnership seeded." : "The database already has organisations; nothing was seeded.");
    } finally {
      await db.close();
    }
    break;
  }
  default:
    fail("Commands: token <email>, seed-demo");
}
