// The local services directory over HTTP (issue #6): the demo directory, where refuges are
// only for their own organisation and the directory admins, stale entries flagged, and each organisation
// maintaining its own services while the partnership's directory admin maintains any.
import { centroidFor } from "@hub/core";
import { seedDemoPartnership } from "@hub/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDVA, ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub } from "./support/test-hub.js";

const PROSECUTOR = "prosecutor@cps-northshire.example.org";
const NRC_ADMIN = "lead@northshire-rapecrisis.example.org";
const DIRECTORY_ADMIN = "directory@northshire-partnership.example.org";
const SOUTHSHIRE_ADMIN = "admin@southshire-partnership.example.org";
const WCU_ADMIN = "wcu.lead@northshire-police.example.org";

const FIELDS = `id name alert acceptingReferrals minimumAge maximumAge languages waitTime eligibilityDescription status lastVerifiedAt stale canEdit
  organisation { name memberOrganisationId }
  locations { id name address1 postalCode latitude longitude confidential }
  phones { number description } contacts { name title } schedules { byDay opensAt closesAt }
  serviceAreas { name area { code } } attributes { code name taxonomy }`;
const ONE = `query ($id: ID!) { directoryService(id: $id) { __typename ... on DirectoryService { ${FIELDS} } ... on NotFoundError { entity } } }`;
const PAGE = `query ($first: Int, $after: String) { directoryServices(first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
const RESULT = `__typename ... on DirectoryService { ${FIELDS} } ... on BadInputError { message field } ... on NotFoundError { entity } ... on Error { message }`;
const UPDATE = `mutation ($input: UpdateDirectoryServiceInput!) { updateDirectoryService(input: $input) { ${RESULT} } }`;
const CREATE = `mutation ($input: CreateDirectoryServiceInput!) { createDirectoryService(input: $input) { ${RESULT} } }`;
const VERIFY = `mutation ($id: ID!) { verifyDirectoryService(id: $id) { ${RESULT} } }`;

describe("the local services directory", () => {
  let hub: TestHub;
  const id: Record<string, string> = {};
  let refuge: { id: string; address1: string; postalCode: string; latitude: number; longitude: number };

  // Directory work is not about a victim: no X-Access-Purpose header is sent.
  const gql = (as: string, query: string, variables?: Record<string, unknown>) => hub.gql(as, query, variables, null);
  const service = async (as: string, name: string) => (await gql(as, ONE, { id: id[name] })).data!.directoryService;

  beforeAll(async () => {
    hub = await startTestHub();
    for (const s of await hub.db.prisma.directoryService.findMany({ select: { id: true, name: true } })) id[s.name] = s.id;
    const location = await hub.db.prisma.directoryLocation.findFirstOrThrow({ where: { confidential: true, name: "Larkspur House" } });
    refuge = { id: location.id, address1: location.address1!, postalCode: location.postalCode!, latitude: location.latitude!, longitude: location.longitude! };
  });
  afterAll(async () => {
    await hub.close();
  });

  describe("the demo directory", () => {
    it("has 30+ services across Northshire and Southshire, the named partners' linked to their organisations", async () => {
      const prisma = hub.db.prisma;
      expect(await prisma.directoryService.count()).toBeGreaterThanOrEqual(30);
      const members = await prisma.organisation.findMany({ where: { name: { in: ["Northshire Rape Crisis", "Safe Steps Northshire", "Victim Support Northshire", "Southshire ISVA Service"] } } });
      expect(members).toHaveLength(4);
      for (const member of members) {
        const entry = await prisma.directoryOrganization.findFirst({ where: { hubOrganisationId: member.id }, include: { services: true } });
        expect(entry?.name, member.name).toBe(member.name);
        expect(entry!.services.length, member.name).toBeGreaterThan(0);
      }
      const areas = await prisma.serviceArea.findMany({ where: { areaId: { not: null } }, select: { areaId: true } });
      const codes = await prisma.area.findMany({ where: { id: { in: areas.map((a) => a.areaId!) } } });
      expect(codes.map((a) => a.code).sort()).toEqual(["NSH", "SSH"]);
      const phones = await prisma.directoryPhone.findMany();
      for (const p of phones) expect(p.number).toMatch(/^01632 96\d{4}$/);
      for (const s of await prisma.directoryService.findMany()) {
        expect(s.email).toMatch(/@[\w.-]+\.example\.org$/);
        expect(s.url).toMatch(/^https:\/\/[\w.-]+\.example\.org/);
      }
    });

    it("puts every location on the real centroid of its postcode's sector: Leeds for Northshire, Brighton for Southshire", async () => {
      const locations = await hub.db.prisma.directoryLocation.findMany();
      expect(locations.length).toBeGreaterThan(20);
      for (const l of locations) {
        const centre = centroidFor(l.postalCode!);
        expect(centre, l.postalCode!).toMatchObject({ precision: "sector", latitude: l.latitude, longitude: l.longitude });
        expect(l.postalCode!, l.name!).toMatch(l.region === "Northshire" ? /^LS\d/ : /^BN\d/);
      }
    });

    it("covers the needs partners signpost to, with the taxonomy, languages, ages, waits and alerts", async () => {
      const prisma = hub.db.prisma;
      const taxonomy = await prisma.taxonomy.findFirstOrThrow({ where: { name: "Victim support needs" }, include: { terms: true } });
      const codes = taxonomy.terms.map((t) => t.code);
      for (const code of ["sexual-violence", "domestic-abuse", "stalking", "hate-crime", "fraud", "modern-slavery", "homicide-bereavement", "burglary", "emotional-support", "safety-planning", "housing", "court-support", "counselling", "practical-help", "children", "young-people", "older-people", "men", "women", "lgbtq", "black-and-minoritised", "deaf", "self-referral", "professional-referral"]) {
        expect(codes, code).toContain(code);
        expect(await prisma.serviceAttribute.count({ where: { taxonomyTerm: { code, taxonomyId: taxonomy.id } } }), code).toBeGreaterThan(0);
      }
      const languages = new Set((await prisma.directoryService.findMany({ select: { languages: true } })).flatMap((s) => s.languages));
      for (const language of ["Polish", "Urdu", "Punjabi", "Welsh", "BSL"]) expect(languages, language).toContain(language);
      expect(await prisma.directoryService.count({ where: { minimumAge: 5, maximumAge: 17 } })).toBeGreaterThan(0);
      expect(await prisma.directoryService.count({ where: { waitTime: { not: null }, attributes: { some: { taxonomyTerm: { code: "counselling" } } } } })).toBeGreaterThan(0);
      expect(await prisma.directoryService.findFirst({ where: { alert: "Not accepting referrals until 3 March" } })).toMatchObject({ acceptingReferrals: false });
      expect(await prisma.directoryService.count({ where: { name: { contains: "SARC" } } })).toBeGreaterThan(0);
      expect(await prisma.directoryLocation.count({ where: { confidential: true } })).toBeGreaterThanOrEqual(1);
      expect(await prisma.directorySchedule.count()).toBeGreaterThanOrEqual(30);
    });

    it("seeds once: a second run adds nothing", async () => {
      const before = await hub.db.prisma.directoryService.count();
      expect(await seedDemoPartnership(hub.db.prisma)).toEqual({ seeded: false });
      expect(await hub.db.prisma.directoryService.count()).toBe(before);
    });
  });

  describe("reading", () => {
    it("pages through the directory A to Z, 1 to 100 at a time", async () => {
      const all: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: any = (await gql(ISVA, PAGE, { first: 7, after })).data!.directoryServices;
        all.push(...res.edges.map((e: any) => e.node.name));
        if (!res.pageInfo.hasNextPage) break;
        after = res.pageInfo.endCursor;
      }
      const names = (await hub.db.prisma.directoryService.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { name: true } })).map((s) => s.name);
      expect(all).toEqual(names);
      const tooMany = await gql(ISVA, PAGE, { first: 101 });
      expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "first" } });
      const forged = await gql(ISVA, PAGE, { first: 5, after: "bm9wZQ" });
      expect(forged.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "after" } });
    });

    it("answers not found for an unknown or malformed id", async () => {
      expect((await gql(ISVA, ONE, { id: "7b0c4f5e-0000-4000-8000-000000000000" })).data!.directoryService).toEqual({ __typename: "NotFoundError", entity: "directory service" });
      expect((await gql(ISVA, ONE, { id: "nope" })).data!.directoryService).toEqual({ __typename: "NotFoundError", entity: "directory service" });
    });

    it("returns a service with its organisation, phones, opening times, areas and attributes", async () => {
      const s = await service(ISVA, "Northshire ISVA Service");
      expect(s).toMatchObject({
        __typename: "DirectoryService",
        organisation: { name: "Northshire Rape Crisis", memberOrganisationId: expect.any(String) },
        phones: [{ number: "01632 960101", description: "ISVA referrals line" }],
        contacts: [{ name: "Referrals coordinator" }],
        schedules: [{ byDay: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "17:00" }],
        serviceAreas: [{ name: "Northshire", area: { code: "NSH" } }],
        locations: [{ postalCode: "LS2 8QH", confidential: false, latitude: 53.80092, longitude: -1.54653 }],
        stale: false,
      });
      expect(s.attributes.map((a: any) => a.code)).toEqual(expect.arrayContaining(["sexual-violence", "court-support", "self-referral"]));
      expect(s.attributes[0].taxonomy).toBe("Victim support needs");
    });

    it("shows where a refuge is only to the organisation that runs it; a CPS prosecutor sees only that it is confidential", async () => {
      const own = await service(IDVA, "Safe Steps Refuge");
      expect(own.locations).toEqual([expect.objectContaining({ id: refuge.id, address1: refuge.address1, postalCode: refuge.postalCode, confidential: true })]);
      const raw = await gql(PROSECUTOR, ONE, { id: id["Safe Steps Refuge"] });
      const prosecutor = raw.data!.directoryService;
      // The service itself, its referral line and description, are for everyone.
      expect(prosecutor).toMatchObject({ name: "Safe Steps Refuge", phones: [{ number: "01632 960112" }], locations: [{ confidential: true, name: null, address1: null, postalCode: null, latitude: null }] });
      const text = JSON.stringify(raw);
      for (const secret of [refuge.id, refuge.address1, refuge.postalCode, String(refuge.latitude), String(refuge.longitude), "01632 960999", "Larkspur House"]) expect(text).not.toContain(secret);
      // Nor through the list.
      const list = JSON.stringify(await gql(PROSECUTOR, `{ directoryServices(first: 100) { edges { node { name locations { id address1 postalCode latitude longitude } phones { number } } } } }`));
      for (const secret of [refuge.id, refuge.address1, refuge.postalCode]) expect(list).not.toContain(secret);
      expect(list).toContain("Safe Steps Refuge");
    });

    it("flags the entry nobody has checked for nine months as stale, and no other", async () => {
      const res = await gql(ISVA, `{ directoryServices(first: 100) { edges { node { name stale lastVerifiedAt } } } }`);
      const stale = res.data!.directoryServices.edges.filter((e: any) => e.node.stale).map((e: any) => e.node.name);
      expect(stale).toEqual(["Eastgate Victims' Drop-in"]);
      const drop = res.data!.directoryServices.edges.find((e: any) => e.node.name === "Eastgate Victims' Drop-in").node;
      const days = (Date.now() - new Date(drop.lastVerifiedAt).getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(260);
      expect(days).toBeLessThan(285);
    });
  });

  describe("maintaining", () => {
    it("lets an organisation admin change their own service, and only that", async () => {
      const mine = await gql(NRC_ADMIN, UPDATE, { input: { id: id["Specialist Counselling for Survivors"], alert: "Waiting list closed until April", acceptingReferrals: false, waitTime: "About 16 weeks", languages: ["English", "Polish"] } });
      expect(mine.data!.updateDirectoryService).toMatchObject({ __typename: "DirectoryService", alert: "Waiting list closed until April", acceptingReferrals: false, waitTime: "About 16 weeks", languages: ["English", "Polish"], canEdit: true });
      // Fields left out are unchanged; null clears an optional one.
      const cleared = await gql(NRC_ADMIN, UPDATE, { input: { id: id["Specialist Counselling for Survivors"], alert: null } });
      expect(cleared.data!.updateDirectoryService).toMatchObject({ alert: null, waitTime: "About 16 weeks", acceptingReferrals: false });

      const before = await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: id["Northshire IDVA Service"] } });
      const theirs = await gql(NRC_ADMIN, UPDATE, { input: { id: id["Northshire IDVA Service"], alert: "Closed" } });
      expect(theirs.data!.updateDirectoryService).toEqual({
        __typename: "BadInputError",
        field: "id",
        message: "Only Safe Steps Northshire's organisation admins, or the partnership's directory admins, can change its services. Nothing was changed.",
      });
      expect((await service(NRC_ADMIN, "Northshire IDVA Service")).canEdit).toBe(false);
      expect(await gql(NRC_ADMIN, VERIFY, { id: id["Northshire IDVA Service"] }).then((r) => r.data!.verifyDirectoryService.__typename)).toBe("BadInputError");
      expect(await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: id["Northshire IDVA Service"] } })).toEqual(before);
    });

    it("does not let advocates, or admins of organisations with no directory entry, change services", async () => {
      for (const as of [ISVA, SOUTHSHIRE_ISVA, WCU_ADMIN, PROSECUTOR]) {
        const res = await gql(as, UPDATE, { input: { id: id["Northshire ISVA Service"], alert: "Changed by the wrong person" } });
        expect(res.data!.updateDirectoryService.__typename, as).toBe("BadInputError");
      }
      expect((await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: id["Northshire ISVA Service"] } })).alert).toBeNull();
    });

    it("lets a partnership's administrator change any service in its own areas, and no other area's", async () => {
      const res = await gql(DIRECTORY_ADMIN, UPDATE, { input: { id: id["Domestic Abuse Outreach and Housing Support"], alert: null, acceptingReferrals: true } });
      expect(res.data!.updateDirectoryService).toMatchObject({ __typename: "DirectoryService", alert: null, acceptingReferrals: true, canEdit: true });
      const notTheirs = await gql(DIRECTORY_ADMIN, UPDATE, { input: { id: id["Southshire ISVA Service"], eligibilityDescription: "Adults in Southshire.", minimumAge: 16 } });
      expect(notTheirs.data!.updateDirectoryService).toMatchObject({ __typename: "BadInputError", field: "id" });
      const south = await gql(SOUTHSHIRE_ADMIN, UPDATE, { input: { id: id["Southshire ISVA Service"], eligibilityDescription: "Adults in Southshire.", minimumAge: 16 } });
      expect(south.data!.updateDirectoryService).toMatchObject({ eligibilityDescription: "Adults in Southshire.", minimumAge: 16 });
    });

    it("refuses bad input plainly and writes nothing", async () => {
      const cyp = id["Children and Young People's ISVA"];
      const before = await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: cyp } });
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ minimumAge: 30 }, "minimumAge", /minimum age must not be above the maximum age/],
        [{ name: "  " }, "name", /Give the service's name/],
        [{ name: null }, "name", /Give the service's name/],
        [{ url: "not a website", alert: "Half-written?" }, "url", /full address, such as https:\/\/example.org/],
        [{ email: "nobody" }, "email", /not an email address/],
        [{ minimumAge: -1 }, "minimumAge", /cannot be below 0/],
        [{ acceptingReferrals: null }, "acceptingReferrals", /accepting referrals/],
      ];
      for (const [change, field, message] of cases) {
        const res = await gql(NRC_ADMIN, UPDATE, { input: { id: cyp, ...change } });
        expect(res.errors, JSON.stringify(change)).toBeUndefined();
        expect(res.data!.updateDirectoryService, JSON.stringify(change)).toMatchObject({ __typename: "BadInputError", field, message: expect.stringMatching(message) });
      }
      expect(await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: cyp } })).toEqual(before);
      expect((await gql(NRC_ADMIN, UPDATE, { input: { id: "0e8b1c9a-0000-4000-8000-000000000000", alert: "x" } })).data!.updateDirectoryService).toMatchObject({ __typename: "NotFoundError", entity: "directory service" });
    });

    it("verifying records when and by whom, and clears the stale flag", async () => {
      const drop = id["Eastgate Victims' Drop-in"];
      expect((await service(DIRECTORY_ADMIN, "Eastgate Victims' Drop-in")).stale).toBe(true);
      const started = Date.now();
      const res = await gql(DIRECTORY_ADMIN, VERIFY, { id: drop });
      expect(res.data!.verifyDirectoryService).toMatchObject({ __typename: "DirectoryService", stale: false });
      expect(new Date(res.data!.verifyDirectoryService.lastVerifiedAt).getTime()).toBeGreaterThanOrEqual(started - 1000);
      const admin = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: DIRECTORY_ADMIN } });
      expect(await hub.db.prisma.directoryService.findUniqueOrThrow({ where: { id: drop } })).toMatchObject({ lastVerifiedByUserId: admin.id });
    });

    it("adds a service for the admin's own organisation, all in one go, and nothing when anything is wrong", async () => {
      const nrc = await hub.db.prisma.directoryOrganization.findFirstOrThrow({ where: { name: "Northshire Rape Crisis" } });
      const safeSteps = await hub.db.prisma.directoryOrganization.findFirstOrThrow({ where: { name: "Safe Steps Northshire" } });
      const term = await hub.db.prisma.taxonomyTerm.findFirstOrThrow({ where: { code: "stalking" } });
      const input = {
        organisationId: nrc.id,
        name: "Online Abuse Advice Clinic",
        description: "Weekly clinic for people harassed or abused online after sexual violence.",
        url: "https://northshire-rapecrisis.example.org/online",
        languages: ["English", "Welsh"],
        minimumAge: 16,
        phones: [{ number: "01632 960105", description: "Clinic bookings" }],
        serviceAreaCodes: ["NSH"],
        taxonomyTermIds: [term.id],
      };
      const count = await hub.db.prisma.directoryService.count();
      const wrong: [Record<string, unknown>, string][] = [
        [{ serviceAreaCodes: ["XXX"] }, "serviceAreaCodes"],
        [{ phones: [{ number: "call us" }] }, "phones.0.number"],
        [{ taxonomyTermIds: ["0e8b1c9a-0000-4000-8000-000000000000"] }, "taxonomyTermIds"],
        [{ organisationId: safeSteps.id }, "organisationId"],
        [{ minimumAge: 30, maximumAge: 20 }, "minimumAge"],
      ];
      for (const [change, field] of wrong) {
        const res = await gql(NRC_ADMIN, CREATE, { input: { ...input, ...change } });
        expect(res.data!.createDirectoryService, JSON.stringify(change)).toMatchObject({ __typename: "BadInputError", field });
      }
      expect(await hub.db.prisma.directoryService.count()).toBe(count);

      const created = (await gql(NRC_ADMIN, CREATE, { input })).data!.createDirectoryService;
      expect(created).toMatchObject({
        __typename: "DirectoryService",
        name: "Online Abuse Advice Clinic",
        organisation: { name: "Northshire Rape Crisis" },
        phones: [{ number: "01632 960105", description: "Clinic bookings" }],
        serviceAreas: [{ name: "Northshire", area: { code: "NSH" } }],
        attributes: [{ code: "stalking" }],
        languages: ["English", "Welsh"],
        acceptingReferrals: true,
        status: "ACTIVE",
        stale: false,
        canEdit: true,
      });
      expect(created.lastVerifiedAt).not.toBeNull();
      // The partnership's administrator may add for anyone, in the partnership's own areas.
      const forSafeSteps = await gql(DIRECTORY_ADMIN, CREATE, { input: { organisationId: safeSteps.id, name: "Safe Steps Drop-in", description: "Weekly drop-in.", serviceAreaCodes: ["NSH"] } });
      expect(forSafeSteps.data!.createDirectoryService).toMatchObject({ __typename: "DirectoryService", organisation: { name: "Safe Steps Northshire" } });
      const elsewhere = await gql(DIRECTORY_ADMIN, CREATE, { input: { organisationId: safeSteps.id, name: "Safe Steps Brighton", description: "Weekly drop-in.", serviceAreaCodes: ["SSH"] } });
      expect(elsewhere.data!.createDirectoryService).toMatchObject({ __typename: "BadInputError", field: "organisationId" });
    });

    it("keeps directory work out of the victim audit log: it is not personal data", async () => {
      const before = await hub.db.prisma.auditEvent.count();
      await gql(DIRECTORY_ADMIN, VERIFY, { id: id["Court Companions"] });
      await gql(DIRECTORY_ADMIN, ONE, { id: id["Court Companions"] });
      expect(await hub.db.prisma.auditEvent.count()).toBe(before);
    });
  });
});
