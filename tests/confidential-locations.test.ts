// One rule for where a refuge is, in every output (issue #6): its address, postcode,
// coordinates and house phone only for the organisation that runs it and the partnership's
// directory admins. Every other partner sees that the service has a confidential location and
// how to reach the service, never where it is; the public open feed leaves the location out;
// search never gives a refuge a distance. Checked on the raw text of every answer, not a field.
import { LOCATION_OWNER_INCLUDE, loadActor, locationsKnownTo, locationViewer, mayKnowWhereLocationIs } from "@hub/core";
import { DEMO_USERS } from "@hub/db/seed";
import { accessibleWhere, defineAbilityFor } from "@hub/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, IDVA, ISVA, startTestHub, type TestHub } from "./support/test-hub.js";

const PROSECUTOR = "prosecutor@cps-northshire.example.org";
const NRC_ADMIN = "lead@northshire-rapecrisis.example.org";
const AUDITOR = "auditor@northshire-partnership.example.org";
const DIRECTORY_ADMIN = "directory@northshire-partnership.example.org";
const SOUTHSHIRE_ADMIN = "admin@southshire-partnership.example.org";

const LOCATION = "id name description url address1 city region postalCode country latitude longitude confidential";
const ONE = `query ($id: ID!) { directoryService(id: $id) { ... on DirectoryService { name phones { number } contacts { name } locations { ${LOCATION} } } } }`;
type PageInfo = { hasNextPage: boolean; endCursor: string | null };
const LIST = `query ($after: String) { directoryServices(first: 100, after: $after) { edges { node { name phones { number } locations { ${LOCATION} } } } pageInfo { hasNextPage endCursor } } }`;
const SEARCH = `query ($text: String, $postcode: String, $areaId: ID) { searchServices(text: $text, postcode: $postcode, areaId: $areaId, first: 50) {
  results { id name distanceKm phones { number } locations { id name address1 city region postalCode latitude longitude confidential phones { number } } } } }`;

interface Secrets {
  id: string;
  texts: string[];
}

describe("where a refuge is", () => {
  let hub: TestHub;
  let serviceId: string;
  let areaId: string;
  /** Safe Steps Northshire's refuge (run by a partner) and Southshire's (run by no partner). */
  let larkspur: Secrets;
  let hollybush: Secrets;

  const secretsOf = async (name: string): Promise<Secrets> => {
    const l = await hub.db.prisma.directoryLocation.findFirstOrThrow({ where: { name, confidential: true }, include: { phones: true } });
    return { id: l.id, texts: [l.id, l.name!, l.address1!, l.postalCode!, String(l.latitude), String(l.longitude), ...l.phones.map((p) => p.number)] };
  };
  const leaked = (text: string, secrets: Secrets) => secrets.texts.filter((s) => text.includes(s));

  /** Everything a partner can be told about the directory: the entry, every page of the list, and searches near the refuge. */
  async function everything(as: string) {
    const answers: unknown[] = [await hub.gql(as, ONE, { id: serviceId }, null)];
    for (let after: string | null = null; ; ) {
      const page: { data?: { directoryServices: { pageInfo: PageInfo } } | null } = await hub.gql(as, LIST, { after }, null);
      answers.push(page);
      const info: PageInfo = page.data!.directoryServices.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    const searches = [{ text: "refuge" }, { text: "refuge", postcode: "LS8 3PZ", areaId }, { postcode: "LS8 3PZ", areaId }, { text: "refuge", postcode: "BN2 6QT" }];
    for (const variables of searches) answers.push(await hub.gql(as, SEARCH, variables, null));
    return JSON.stringify(answers);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    serviceId = (await hub.db.prisma.directoryService.findFirstOrThrow({ where: { name: "Safe Steps Refuge" } })).id;
    areaId = (await hub.db.prisma.area.findFirstOrThrow({ where: { code: "NSH" } })).id;
    larkspur = await secretsOf("Larkspur House");
    hollybush = await secretsOf("Hollybush House");
  });
  afterAll(async () => {
    await hub.close();
  });

  it.each([
    ["an ISVA of another organisation", ISVA],
    ["another organisation's admin", NRC_ADMIN],
    ["a CPS victim liaison officer", CPS_VLO],
    ["a CPS prosecutor", PROSECUTOR],
    ["the partnership's auditor, a colleague of the directory admins", AUDITOR],
  ])("is never told to %s, in any answer", async (_who, as) => {
    const text = await everything(as);
    expect(leaked(text, larkspur)).toEqual([]);
    expect(leaked(text, hollybush)).toEqual([]);
    // It still knows the refuge is there, that its location is confidential, and how to reach it.
    const entry = (await hub.gql(as, ONE, { id: serviceId }, null)).data!.directoryService;
    expect(entry).toMatchObject({ name: "Safe Steps Refuge", phones: [{ number: "01632 960112" }] });
    expect(entry.locations).toEqual([
      { id: expect.any(String), name: null, description: null, url: null, address1: null, city: null, region: null, postalCode: null, country: "GB", latitude: null, longitude: null, confidential: true },
    ]);
    const [found] = (await hub.gql(as, SEARCH, { text: "Safe Steps Refuge" }, null)).data!.searchServices.results;
    expect(found).toMatchObject({ name: "Safe Steps Refuge", distanceKm: null, phones: [{ number: "01632 960112" }], locations: [{ confidential: true, postalCode: null, latitude: null, phones: [] }] });
  });

  it("is told to the organisation that runs it, for its own refuge only", async () => {
    const text = await everything(IDVA);
    expect(leaked(text, larkspur)).toEqual(larkspur.texts);
    expect(leaked(text, hollybush)).toEqual([]);
    const entry = (await hub.gql(IDVA, ONE, { id: serviceId }, null)).data!.directoryService;
    expect(entry.locations).toEqual([expect.objectContaining({ id: larkspur.id, name: "Larkspur House", address1: "14 Larkspur Mews", postalCode: "LS8 3PZ", latitude: 53.81624, longitude: -1.49975, confidential: true })]);
  });

  it("is told to the partnership administrators of the refuge's own area, and to no other area's", async () => {
    const text = await everything(DIRECTORY_ADMIN);
    expect(leaked(text, larkspur)).toEqual(larkspur.texts);
    // Hollybush House is a Southshire refuge: Northshire's administrator never learns where it is.
    expect(leaked(text, hollybush)).toEqual([]);
    const south = await everything(SOUTHSHIRE_ADMIN);
    expect(leaked(south, hollybush).length).toBeGreaterThan(0);
    expect(leaked(south, larkspur)).toEqual([]);
    const [found] = (await hub.gql(DIRECTORY_ADMIN, SEARCH, { text: "Safe Steps Refuge" }, null)).data!.searchServices.results;
    expect(found.locations).toEqual([expect.objectContaining({ postalCode: "LS8 3PZ", latitude: 53.81624, longitude: -1.49975, phones: [{ number: "01632 960999" }] })]);
  });

  it("never gives a refuge a distance, even to those who may know where it is", async () => {
    for (const as of [IDVA, DIRECTORY_ADMIN, ISVA]) {
      const results = (await hub.gql(as, SEARCH, { text: "refuge", postcode: "LS8 3PZ", areaId }, null)).data!.searchServices.results;
      const refuge = results.find((r: { id: string }) => r.id === serviceId);
      expect(refuge, as).toMatchObject({ distanceKm: null });
    }
  });

  it("is never in the public open feed, which still lists the refuge and its referral line", async () => {
    const bodies: string[] = [];
    const get = async (path: string) => {
      const response = await fetch(`${hub.url}/openreferral${path}`);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      bodies.push(text);
      return JSON.parse(text);
    };
    const service = await get(`/services/${serviceId}`);
    expect(service).toMatchObject({ name: "Safe Steps Refuge", phones: [{ number: "01632 960112" }] });
    await get("/services?search=refuge&per_page=100");
    for (let page = 1; !(await get(`/service_at_locations?per_page=50&page=${page}`)).last_page; page++);
    await get("/service_at_locations?postcode=LS8%203PZ&proximity=3000&per_page=50");
    await get("/service_at_locations?postcode=BN2%206QT&per_page=50");
    const text = bodies.join("\n");
    expect(leaked(text, larkspur)).toEqual([]);
    expect(leaked(text, hollybush)).toEqual([]);
  });

  it("is the same rule in the query condition, the code and the policy, for every demo user", async () => {
    const prisma = hub.db.prisma;
    const locations = await prisma.directoryLocation.findMany({ include: LOCATION_OWNER_INCLUDE });
    const known = new Set<string>();
    const knownHollybush = new Set<string>();
    for (const user of DEMO_USERS) {
      const actor = (await loadActor(prisma, user.oidcSubject))!;
      const ability = defineAbilityFor(actor, { purpose: null });
      const viewer = locationViewer({ actor, ability });
      const byCode = locations.filter((l) => mayKnowWhereLocationIs(viewer, l)).map((l) => l.id).sort();
      const byQuery = (await prisma.directoryLocation.findMany({ where: locationsKnownTo(viewer), select: { id: true } })).map((l) => l.id).sort();
      const byPolicy = (await prisma.directoryLocation.findMany({ where: accessibleWhere(ability, "DirectoryLocation"), select: { id: true } })).map((l) => l.id).sort();
      expect(byQuery, user.email).toEqual(byCode);
      expect(byPolicy, user.email).toEqual(byCode);
      if (byCode.includes(larkspur.id)) known.add(user.email);
      if (byCode.includes(hollybush.id)) knownHollybush.add(user.email);
    }
    expect([...known].sort()).toEqual([DIRECTORY_ADMIN, IDVA].sort());
    expect(knownHollybush.has(SOUTHSHIRE_ADMIN) && !knownHollybush.has(DIRECTORY_ADMIN)).toBe(true);
  });
});
