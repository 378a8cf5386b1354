// Importing services from an HSDS 3.0 / Open Referral UK file: checked against the schema and
// the hub's rules, written all at once or not at all, and idempotent by id.
import { randomUUID } from "node:crypto";
import { BadInputError, DirectoryImportError, type DirectoryImportProgress, describeImportReport, directoryRecords, importDirectory } from "@hub/core";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Json = Record<string, any>;

const TAXONOMY = { id: randomUUID(), name: "Import test needs", description: "Terms used by the import tests.", version: "1" };
const TERM = { id: randomUUID(), code: "import-test-fraud", name: "Fraud", description: "Fraud and scams.", taxonomy: TAXONOMY.name, taxonomy_detail: TAXONOMY };
const organization = () => ({ id: randomUUID(), name: "Import Test Trust", description: "A made-up charity for the import tests.", email: "hello@import-test.example.org", website: "https://import-test.example.org" });
const ORG = organization();

/**
 * A fully nested HSDS service shaped like the specification's service_full.json example: the
 * same phone and schedule ids listed under the service, its location and its contact.
 */
function serviceRecord(n: number, org: Json = ORG): Json {
  const phone = { id: randomUUID(), number: `01632 9605${String(n).padStart(2, "0")}`, type: "voice", description: "Main line" };
  const schedule = { id: randomUUID(), freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "09:00:00", closes_at: "17:00:00", description: "Weekdays." };
  const locationId = randomUUID();
  return {
    id: randomUUID(),
    name: `Import test service ${n}`,
    description: `Support service number ${n}, made up for the tests.`,
    url: `https://import-test.example.org/services/${n}`,
    email: `service${n}@import-test.example.org`,
    status: "active",
    minimum_age: 18,
    alert: "Closed on bank holidays.",
    languages: [{ id: randomUUID(), name: "Polish", code: "pl" }],
    organization: org,
    phones: [phone],
    contacts: [{ id: randomUUID(), name: "Intake team", title: "Referrals", email: `intake${n}@import-test.example.org`, phones: [phone] }],
    schedules: [schedule],
    service_areas: [{ id: randomUUID(), name: "Northshire" }],
    service_at_locations: [
      {
        id: randomUUID(),
        description: "Drop-in and appointments.",
        schedules: [schedule],
        phones: [phone],
        location: {
          id: locationId,
          location_type: "physical",
          name: `Test premises ${n}`,
          latitude: 53.79592,
          longitude: -1.5537,
          addresses: [{ id: randomUUID(), address_1: `${n} Test Street`, city: "Leeds", region: "Northshire", state_province: "West Yorkshire", postal_code: "LS1 4AP", country: "GB", address_type: "physical" }],
          phones: [phone],
          schedules: [schedule],
        },
      },
    ],
    attributes: [{ id: randomUUID(), taxonomy_term: TERM }],
    funding: [{ id: randomUUID(), source: "A made-up grant." }],
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe("importing the directory from an HSDS 3.0 feed", () => {
  let db: TestDatabase;
  let areaId: string;
  const records = [1, 2, 3, 4, 5].map((n) => serviceRecord(n));

  beforeAll(async () => {
    db = await createTestDatabase();
    areaId = (await db.prisma.area.create({ data: { code: "NSH", name: "Northshire" } })).id;
  });
  afterAll(async () => {
    await db.close();
  });

  /** Every row the import could write, counted table by table. */
  const counts = async () => {
    const p = db.prisma;
    return {
      organizations: await p.directoryOrganization.count(),
      services: await p.directoryService.count(),
      locations: await p.directoryLocation.count(),
      serviceAtLocations: await p.serviceAtLocation.count(),
      phones: await p.directoryPhone.count(),
      contacts: await p.directoryContact.count(),
      schedules: await p.directorySchedule.count(),
      areas: await p.serviceArea.count(),
      taxonomies: await p.taxonomy.count(),
      terms: await p.taxonomyTerm.count(),
      attributes: await p.serviceAttribute.count(),
    };
  };

  /** The SQL statements sent while fn runs, and those among them that change data. */
  async function statementsDuring(fn: () => Promise<unknown>) {
    const all: string[] = [];
    const stop = db.onQuery((sql) => all.push(sql));
    try {
      await fn();
    } finally {
      stop();
    }
    return { all, writes: all.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql)) };
  }

  it("imports valid records in one go and keeps what the hub keeps, showing progress", async () => {
    const progress: DirectoryImportProgress[] = [];
    const report = await importDirectory(db.prisma, clone(records), { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ total: 5, created: 5, updated: 0, unchanged: 0, rejected: [] });
    expect(report.notKept).toEqual(expect.arrayContaining(["service.funding", "location.schedules"]));
    expect(progress).toContainEqual({ phase: "checking", done: 5, total: 5 });
    expect(progress.at(-1)).toEqual({ phase: "writing", done: 5, total: 5 });
    expect(await counts()).toEqual({ organizations: 1, services: 5, locations: 5, serviceAtLocations: 5, phones: 5, contacts: 5, schedules: 5, areas: 5, taxonomies: 1, terms: 1, attributes: 5 });

    const first = records[0]!;
    const saved = await db.prisma.directoryService.findUniqueOrThrow({
      where: { id: first.id },
      include: { phones: true, schedules: true, serviceAreas: true, attributes: { include: { taxonomyTerm: true } }, serviceAtLocations: { include: { location: true } }, contacts: true },
    });
    expect(saved).toMatchObject({ name: "Import test service 1", organizationId: ORG.id, minimumAge: 18, languages: ["Polish"], alert: "Closed on bank holidays.", status: "active" });
    const salId = first.service_at_locations[0].id;
    const locationId = first.service_at_locations[0].location.id;
    // One phone listed in four places is one row, on the service and its location.
    expect(saved.phones).toEqual([expect.objectContaining({ id: first.phones[0].id, serviceId: first.id, locationId, number: "01632 960501" })]);
    expect(saved.schedules).toEqual([expect.objectContaining({ byDay: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "17:00", serviceAtLocationId: salId })]);
    expect(saved.serviceAreas).toEqual([expect.objectContaining({ name: "Northshire", areaId })]);
    expect(saved.attributes[0]!.taxonomyTerm).toMatchObject({ id: TERM.id, code: "import-test-fraud", taxonomyId: TAXONOMY.id });
    expect(saved.serviceAtLocations[0]!.location).toMatchObject({ address1: "1 Test Street", city: "Leeds", region: "Northshire", postalCode: "LS1 4AP", latitude: 53.79592, longitude: -1.5537, confidential: false });
    expect(saved.contacts).toEqual([expect.objectContaining({ name: "Intake team", title: "Referrals" })]);
  });

  it("changes nothing on a second run: 0 created, 0 updated, not one row written", async () => {
    const before = await db.prisma.directoryService.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true } });
    let report: Awaited<ReturnType<typeof importDirectory>> | undefined;
    const { all, writes } = await statementsDuring(async () => {
      report = await importDirectory(db.prisma, clone(records));
    });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: [] });
    expect(all.length).toBeGreaterThan(5); // it did read, so the listener hears statements
    expect(writes).toEqual([]);
    expect(await db.prisma.directoryService.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true } })).toEqual(before);
  });

  it("updates only what changed in a changed record", async () => {
    const changed = clone(records);
    const second = changed[1]!;
    second.alert = "Not accepting referrals until 3 March";
    second.phones[0].number = "01632 960599";
    for (const place of [second.phones, second.contacts[0].phones, second.service_at_locations[0].phones, second.service_at_locations[0].location.phones]) place[0].number = "01632 960599";
    second.schedules = [];
    second.service_at_locations[0].schedules = [];
    const before = await counts();
    let report: Awaited<ReturnType<typeof importDirectory>> | undefined;
    const { writes } = await statementsDuring(async () => {
      report = await importDirectory(db.prisma, changed);
    });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 4, rejected: [] });
    // The service, its phone, and the schedule removed: nothing else.
    expect(writes.map((sql) => /^\s*(\w+)\s+(?:INTO|FROM)?\s*"?[\w.]*"?\."?(\w+)"?/i.exec(sql)?.slice(1, 3).join(" ")).sort()).toEqual(["DELETE DirectorySchedule", "INSERT DirectoryPhone", "INSERT DirectoryService"]);
    const saved = await db.prisma.directoryService.findUniqueOrThrow({ where: { id: second.id }, include: { phones: true, schedules: true } });
    expect(saved.alert).toBe("Not accepting referrals until 3 March");
    expect(saved.phones.map((p) => p.number)).toEqual(["01632 960599"]);
    expect(saved.schedules).toEqual([]);
    expect(await counts()).toEqual({ ...before, schedules: before.schedules - 1 });
    records[1] = second;
  });

  it("reports each bad record with its reasons, and imports the valid ones without them", async () => {
    const good = serviceRecord(6);
    const bad = (change: (r: Json) => void) => {
      const r = serviceRecord(99);
      change(r);
      return r;
    };
    const file = [
      good,
      bad((r) => {
        r.id = "not-a-uuid";
      }),
      bad((r) => {
        delete r.name;
      }),
      bad((r) => {
        r.service_at_locations[0].location.latitude = 100;
      }),
      bad((r) => {
        r.status = "open";
      }),
      bad((r) => {
        r.minimum_age = 40;
        r.maximum_age = 17;
      }),
      { ...clone(good), name: "The same service again" },
      bad((r) => {
        delete r.organization;
      }),
      "hello",
      bad((r) => {
        r.schedules[0].byday = "";
        r.service_at_locations[0].schedules = [];
      }),
    ];
    const before = await counts();
    const report = await importDirectory(db.prisma, file);
    expect(report).toMatchObject({ total: 10, created: 1, updated: 0, unchanged: 0 });
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.position, r.reasons.join(" | ")]));
    expect(Object.keys(reasons).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons[2]).toMatch(/Not HSDS 3\.0: id must match format "uuid"/);
    expect(reasons[3]).toMatch(/Not HSDS 3\.0: the record must have required property 'name'/);
    expect(reasons[4]).toMatch(/latitude 100 is not on Earth/);
    expect(reasons[5]).toMatch(/status must be one of "active", "inactive", "defunct", "temporarily closed"/);
    expect(reasons[6]).toMatch(/minimum_age is above maximum_age/);
    expect(reasons[7]).toMatch(/also record 1: each service once/);
    expect(reasons[8]).toMatch(/It has no organization/);
    expect(reasons[9]).toMatch(/Not HSDS 3\.0: the record must be object/);
    expect(reasons[10]).toMatch(/needs byday, opens_at and closes_at/);
    expect(report.rejected.find((r) => r.position === 7)).toMatchObject({ id: good.id, name: "The same service again" });
    // Only the valid record was written.
    expect((await counts()).services).toBe(before.services + 1);
    expect(await db.prisma.directoryService.findUnique({ where: { id: good.id } })).toMatchObject({ name: "Import test service 6" });
    const lines = describeImportReport(report);
    expect(lines[0]).toBe("Imported 1 of 10 services in one transaction: 1 created, 0 updated, 0 unchanged.");
    expect(lines[1]).toBe("9 records were rejected and not imported (the valid records were imported without them; fix these and run the import again):");
    expect(lines).toContain(`  Record 4 (${(file[3] as Json).id} "Import test service 99"):`);
  });

  it("leaves nothing half-imported when the database refuses a write part-way", async () => {
    const org = organization();
    const batch = [serviceRecord(7, org), serviceRecord(8, org), { ...serviceRecord(9, org), name: "Explodes on insert" }];
    // A database that fails on the third service, after the first two (and their parts) were written.
    await db.sql.exec(`
      CREATE FUNCTION import_test_explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Explodes on insert' THEN RAISE EXCEPTION 'import test: refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER import_test_explode BEFORE INSERT ON "DirectoryService" FOR EACH ROW EXECUTE FUNCTION import_test_explode();
    `);
    const before = await counts();
    let failure: unknown;
    try {
      await importDirectory(db.prisma, clone(batch));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DirectoryImportError);
    // The database's own words are never repeated (they can quote a record's values): its code is.
    expect((failure as Error).message).toMatch(/^Nothing was imported: the database refused the write \((error [A-Z0-9]+|an unexpected error)\)\. The import is safe to run again/);
    expect((failure as Error).message).not.toContain("import test: refused");
    expect(await counts()).toEqual(before);
    expect(await db.prisma.directoryOrganization.findUnique({ where: { id: org.id } })).toBeNull();

    await db.sql.exec(`DROP TRIGGER import_test_explode ON "DirectoryService"; DROP FUNCTION import_test_explode();`);
    expect(await importDirectory(db.prisma, clone(batch))).toMatchObject({ created: 3, rejected: [] });
  });

  it("rejects a record with a null byte or a lone surrogate, with a reason and without its text, and imports the rest", async () => {
    const org = organization();
    const nul = { ...serviceRecord(21, org), description: "Support line\u0000 for victims" };
    const half = { ...serviceRecord(22, org), name: "Half a character \ud83d here" };
    const fine = serviceRecord(23, org);
    const report = await importDirectory(db.prisma, clone([nul, half, fine]));
    expect(report).toMatchObject({ created: 1, total: 3 });
    expect(report.rejected.map((r) => [r.position, r.reasons])).toEqual([
      [1, ["description has a character the hub cannot store (a control character, or half of one). Correct it at the source."]],
      [2, ["name has a character the hub cannot store (a control character, or half of one). Correct it at the source."]],
    ]);
    expect(report.rejected[1]!.name).toBeUndefined();
  });

  it("holds every text to the same limits as the directory's own forms, and names the field", async () => {
    const org = organization();
    const huge = { ...serviceRecord(24, org), description: "x".repeat(100_000) };
    const longPhone = { ...serviceRecord(25, org), phones: [{ id: "00000000-0000-4000-8000-000000000025", number: "0".repeat(40) }] };
    const report = await importDirectory(db.prisma, clone([huge, longPhone]));
    expect(report.created).toBe(0);
    expect(report.rejected.map((r) => r.reasons)).toEqual([
      ["description is longer than the hub keeps (4,000 characters)."],
      ["phones.0.number is longer than the hub keeps (30 characters)."],
    ]);
  });

  it("never touches a refuge: links to confidential locations survive, and a file cannot change one", async () => {
    const first = records[0]!;
    const refuge = await db.prisma.directoryLocation.create({
      data: { name: "Test refuge", address1: "1 Hidden Row", city: "Leeds", postalCode: "LS8 3PZ", latitude: 53.81624, longitude: -1.49975, confidential: true },
    });
    const link = await db.prisma.serviceAtLocation.create({ data: { serviceId: first.id, locationId: refuge.id } });
    const refugePhone = await db.prisma.directoryPhone.create({ data: { serviceId: first.id, locationId: refuge.id, number: "01632 960997" } });
    // The file (like any public feed) does not list the refuge: its absence removes nothing.
    expect(await importDirectory(db.prisma, clone(records))).toMatchObject({ unchanged: 5, created: 0, updated: 0 });
    expect(await db.prisma.serviceAtLocation.findUnique({ where: { id: link.id } })).not.toBeNull();
    expect(await db.prisma.directoryPhone.findUnique({ where: { id: refugePhone.id } })).not.toBeNull();

    const intruder = serviceRecord(10);
    intruder.service_at_locations[0].location.id = refuge.id;
    intruder.service_at_locations[0].location.addresses[0].address_1 = "Published Street";
    const report = await importDirectory(db.prisma, [intruder]);
    expect(report.created).toBe(0);
    expect(report.rejected[0]!.reasons.join(" ")).toMatch(/confidential in the hub \(a refuge or safe house\)/);
    expect(await db.prisma.directoryLocation.findUniqueOrThrow({ where: { id: refuge.id } })).toMatchObject({ address1: "1 Hidden Row", confidential: true });
  });

  it("reads an array, an Open Referral UK page or a single service, and refuses anything else plainly", async () => {
    const one = serviceRecord(11);
    expect(directoryRecords([one])).toEqual([one]);
    expect(directoryRecords({ total_items: 1, contents: [one] })).toEqual([one]);
    expect(directoryRecords(one)).toEqual([one]);
    await expect(importDirectory(db.prisma, 42)).rejects.toBeInstanceOf(BadInputError);
    await expect(importDirectory(db.prisma, { hello: "world" })).rejects.toThrow("The file must hold a JSON array of HSDS 3.0 service objects");
  });
});
