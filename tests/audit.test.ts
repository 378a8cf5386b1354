// The s.62 log seen from outside: who has seen a victim's data, the operator commands, and
// that nothing leaves the hub when its log entry cannot be written.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testEngine } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id victim { contactDetails { phone } } } } }`;
const LOG_Q = `query ($ref: String!) { victimAccessLog(victimReference: $ref) { entries { action actorName organisationName purpose lawfulBasisCode consentId entityType fields recipientOrganisationIds } } }`;

describe("audit log", () => {
  let hub: TestHub;
  let caseId: string;
  let victimReference: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const c = await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" }, include: { victim: true } });
    caseId = c.id;
    victimReference = c.victim.reference;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("answers 'who has seen this victim's data, when and why' for a partnership auditor", async () => {
    await hub.gql(ISVA, CASE_Q, { id: caseId });
    await hub.gql(WCU, CASE_Q, { id: caseId });
    const res = await hub.gql(AUDITOR, LOG_Q, { ref: victimReference }, "SUBJECT_ACCESS");
    const entries = res.data!.victimAccessLog.entries as any[];
    const isvaDisclosure = entries.find((e) => e.organisationName === "Northshire Rape Crisis" && e.action === "DISCLOSURE");
    expect(isvaDisclosure).toMatchObject({
      actorName: "Amira Khan",
      purpose: "SUPPORT_AND_ADVOCACY",
      lawfulBasisCode: "CONSENT",
      entityType: "VictimContactDetails",
      fields: expect.arrayContaining(["VictimContactDetails.phone"]),
    });
    expect(isvaDisclosure.consentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries).toContainEqual(expect.objectContaining({ organisationName: "Northshire Police Witness Care Unit", action: "CONSULTATION", lawfulBasisCode: "PUBLIC_TASK", entityType: "Case" }));
  });

  it("does not show the access log to anyone else, nor to an auditor without a stated purpose", async () => {
    expect((await hub.gql(ISVA, LOG_Q, { ref: victimReference }, "SUBJECT_ACCESS")).data).toBeNull();
    const noPurpose = await hub.gql(AUDITOR, LOG_Q, { ref: victimReference }, null);
    expect(noPurpose.errors?.[0]?.extensions).toMatchObject({ code: "BAD_INPUT", field: "purpose" });
  });

  it("logs a denied look-up, without telling the caller the case exists", async () => {
    const southshire = await hub.db.prisma.case.findFirstOrThrow({ where: { area: { code: "SSH" } } });
    const res = await hub.gql(ISVA, CASE_Q, { id: southshire.id });
    expect(res.data!.case.__typename).toBe("NotFoundError");
    const denied = await hub.db.prisma.auditEvent.findFirst({ where: { action: "DENIED", caseId: southshire.id } });
    expect(denied).toMatchObject({ outcome: "not-permitted", entityType: "Case" });
  });

  it("asks for a purpose before showing case data, in words a caseworker can act on", async () => {
    const res = await hub.gql(ISVA, CASE_Q, { id: caseId }, null);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "purpose" } });
    expect(res.errors?.[0]?.message).toMatch(/Say why you are working on this case/);
    const bad = await hub.gql(ISVA, CASE_Q, { id: caseId }, "CURIOSITY");
    expect(bad.status).toBe(400);
  });

  it("sends an error instead of the data when the log cannot be written", async () => {
    // Take the audit table away for one request: the read succeeds, the log write fails.
    await hub.db.sql.exec(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
    try {
      const res = await hub.gql(ISVA, CASE_Q, { id: caseId });
      expect(res.status).toBe(503);
      expect(JSON.stringify(res)).not.toContain(caseId);
      expect(res.errors?.[0]?.extensions).toEqual({ code: "AUDIT_UNAVAILABLE" });
    } finally {
      await hub.db.sql.exec(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
    }
  });

  it.runIf(testEngine() === "postgres")("verifies the chain and exports entries from the command line", async () => {
    const env = { ...process.env, DATABASE_URL: hub.db.url! };
    const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "apps/api/src/cli.ts", ...args], { cwd: root, env });
    const count = await hub.db.prisma.auditEvent.count();
    const ok = await cli("audit-verify");
    expect(ok.stdout).toContain(`The audit log is intact: ${count} entries.`);
    const exported = await cli("audit-export");
    const lines = exported.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(count);
    expect(lines[0]).toMatchObject({ chainIndex: "1", prevHash: "0".repeat(64) });
    await hub.db.sql.transaction(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica`);
      await tx.exec(`UPDATE "AuditEvent" SET purpose = 'AUDIT' WHERE "chainIndex" = 2`);
    });
    const broken = await cli("audit-verify").then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stderr).toContain("BROKEN at entry 2");
  });
});
