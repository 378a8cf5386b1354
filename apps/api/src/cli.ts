// `npm run hub -- <command>`: small operator commands.
//   token <email>   print an access token for a demo user (embedded identity only)
//   seed-demo       load the demo partnership into an empty database (e.g. PostgreSQL), with its working day
//   audit-verify    check the audit log's hash chain; names the first broken link
//   audit-export [--from ISO-DATE] [--to ISO-DATE]   audit entries as JSON lines, for the regulator
//   register-operations <file.graphql> [--organisation "<name>"]   trust every operation in the file (production runs only these)
//   import-directory <file.json>   add or update directory services from an HSDS 3.0 / Open Referral UK file (exit 2 if some records were rejected)
//   create-partnership-admin --area CODE[:Name] --body "<name>" --email <e> --name "<n>" --subject <sub>   a partnership body's first administrator
import { readConfig } from "@hub/config";
import { migrateDatabase, openDatabase } from "@hub/db";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { auditExport, auditVerify } from "./commands/audit.js";
import { CREATE_PARTNERSHIP_ADMIN_USAGE, createPartnershipAdmin, parsePartnershipAdminArgs } from "./commands/bootstrap-partnership.js";
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
  case "create-partnership-admin": {
    const input = parsePartnershipAdminArgs(args);
    if (!input || args.includes("--help")) fail(CREATE_PARTNERSHIP_ADMIN_USAGE);
    const db = await openDatabase(config.database);
    try {
      await migrateDatabase(db, config.database);
      console.log(await createPartnershipAdmin(db, input));
    } catch (error) {
      fail((error as Error).message);
    } finally {
      await db.close();
    }
    break;
  }
  case "seed-demo": {
    const db = await openDatabase(config.database);
    try {
      await migrateDatabase(db, config.database);
      const { seeded } = await seedDemoPartnership(db.prisma);
      // The partnership's last weeks, played once (a demo partnership seeded before the working
      // day existed gets it now; any other database is left alone).
      const { playDemoWorkingDay } = await import("./demo/working-day.js");
      const day = await playDemoWorkingDay(db);
      if (seeded) console.log(day.played ? `Demo partnership seeded, in the middle of its working day (${day.cases} more cases, ${day.milliseconds} ms).` : "Demo partnership seeded.");
      else console.log(day.played ? `The demo partnership was already there; its working day has been played (${day.cases} more cases, ${day.milliseconds} ms).` : "The database already has organisations; nothing was seeded.");
    } finally {
      await db.close();
    }
    break;
  }
  case "audit-verify": {
    const db = await openDatabase(config.database);
    try {
      process.exitCode = await auditVerify(db);
    } finally {
      await db.close();
    }
    break;
  }
  case "audit-export": {
    const option = (name: string) => {
      const at = args.indexOf(name);
      if (at < 0) return null;
      const date = new Date(args[at + 1] ?? "");
      if (Number.isNaN(date.getTime())) fail(`${name} needs a date, e.g. ${name} 2026-01-01`);
      return date;
    };
    const db = await openDatabase(config.database);
    try {
      const count = await auditExport(db, option("--from"), option("--to"), (line) => process.stdout.write(`${line}\n`));
      console.error(`Exported ${count} audit entries.`);
    } finally {
      await db.close();
    }
    break;
  }
  case "register-operations": {
    // Trusted documents: in production the hub runs only operations registered this way.
    const { readFileSync } = await import("node:fs");
    const { registerOperationsFile, TrustedDocumentError } = await import("./http/trusted-documents.js");
    const at = args.indexOf("--organisation");
    const organisationName = at >= 0 ? (args[at + 1] ?? fail("Name the organisation after --organisation.")) : undefined;
    const file = args.find((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1));
    if (!file) fail('Usage: npm run hub -- register-operations <file.graphql> [--organisation "<name>"]');
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      fail(`Cannot read the file ${file}.`);
    }
    const db = await openDatabase(config.database);
    try {
      await migrateDatabase(db, config.database); // as the hub does at start, so a new embedded database works too
      const registered = await registerOperationsFile(db, { source, organisationName, maxDocumentLength: config.maxDocumentLength });
      for (const r of registered) console.log(`${r.created ? "registered        " : "already registered"}  ${r.hash}  ${r.name}`);
    } catch (error) {
      if (!(error instanceof TrustedDocumentError)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
    break;
  }
  case "import-directory": {
    // All valid records in one transaction, or none; rejected records are listed with reasons.
    const { readFileSync } = await import("node:fs");
    const { importDirectory, describeImportReport, DirectoryImportError, HubError } = await import("@hub/core");
    const file = args[0] ?? fail("Usage: npm run hub -- import-directory <file.json>");
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      fail(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const tty = process.stderr.isTTY;
    const db = await openDatabase(config.database);
    try {
      await migrateDatabase(db, config.database);
      const report = await importDirectory(db.prisma, input, {
        onProgress: ({ phase, done, total }) => process.stderr.write(`${tty ? "\r" : ""}${phase === "checking" ? "Checked" : "Imported"} ${done}/${total} services${tty && done < total ? "" : "\n"}`),
      });
      for (const line of describeImportReport(report)) console.log(line);
      // 0: all imported; 2: some rejected, the rest imported; 1: nothing imported.
      if (report.rejected.length) process.exitCode = report.rejected.length === report.total ? 1 : 2;
    } catch (error) {
      if (!(error instanceof DirectoryImportError || error instanceof HubError)) throw error;
      console.error(error.message);
      if (error instanceof DirectoryImportError) for (const line of describeImportReport(error.report).slice(1)) console.error(line);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
    break;
  }
  default:
    fail("Commands: token <email>, seed-demo, audit-verify, audit-export, register-operations <file.graphql> [--organisation <name>], import-directory <file.json>");
}
