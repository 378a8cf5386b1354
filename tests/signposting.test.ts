// Signposting over HTTP (issue #6): finding the right local service by words, distance and
// need, refuges that never give away where they are, stable keyset pages, and telling the
// victim about a service recorded in the shared ledger. The fixtures are this file's own
// (marked with made-up words and term codes), so other directory data cannot disturb them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, IDVA, ISVA, startTestHub, type TestHub } from "./support/test-hub.js";

const PROSECUTOR = "prosecutor@cps-northshire.example.org";

const SEARCH = `query Search($text: String, $postcode: String, $areaId: ID, $withinKm: Float, $crimeType: String, $need: String, $whoFor: String,
    $language: String, $age: Int, $openNow: Boolean, $asAt: DateTime, $acceptingReferrals: Boolean, $first: Int, $after: String) {
  searchServices(text: $text, postcode: $postcode, areaId: $areaId, withinKm: $withinKm, crimeType: $crimeType, need: $need, whoFor: $whoFor,
      language: $language, age: $age, openNow: $openNow, asAt: $asAt, acceptingReferrals: $acceptingReferrals, first: $first, after: $after) {
    results {
      id name organisationName distanceKm openNow nextOpening acceptingReferrals alert languages
      phones { number } terms { code } openingTimes { byDay opensAt closesAt }
      locations { id confidential postalCode latitude longitude phones { number } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const SIGNPOST = `mutation ($caseId: ID!, $serviceId: ID!, $channel: ContactChannel!, $note: String) {
  signpostService(caseId: $caseId, serviceId: $serviceId, channel: $channel, note: $note) {
    __typename
    ... on ContactRecord { id summary channel outcome statutoryDuty signpostedServiceId }
    ... on NotFoundError { entity }
    ... on BadInputError { message field }
  }
}`;

const CONTACTS = `query ($id: ID!) { case(id: $id) { ... on Case { contacts { id summary channel signpostedServiceId } } } }`;

// Where the fixtures are (real places), and the district centroids searches start from
// (packages/core/data/uk-postcode-centroids/districts.csv).
const LEEDS_LS1 = { latitude: 53.7966, longitude: -1.5466 };
const LEEDS_LS6 = { latitude: 53.8196, longitude: -1.5758 };
const BRIGHTON_BN1 = { latitude: 50.8301, longitude: -0.1378 };
const REFUGE_LS7 = { latitude: 53.8177, longitude: -1.5406 };
const CENTROID_LS6 = { latitude: 53.81846, longitude: -1.56617 };
const CENTROID_LS1 = { latitude: 53.79737, longitude: -1.55312 };

/** An independent haversine (km), to check the hub's distances. */
function km(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const oneDp = (n: number) => Math.round(n * 10) / 10;

// Wednesday 10 June 2026, 11:00 in London (BST); Saturday 13 June 11:30; Saturday 01:30.
const WEDNESDAY_11 = "2026-06-10T10:00:00.000Z";
const SATURDAY_1130 = "2026-06-13T10:30:00.000Z";
const SATURDAY_0130 = "2026-06-13T00:30:00.000Z";

describe("signposting", () => {
  let hub: TestHub;
  let caseId: string;
  let hiddenCaseId: string;
  let areaId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    const prisma = hub.db.prisma;
    caseId = (await prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    // Police and the IDVA only: the CPS is not on it.
    hiddenCaseId = (await prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0104125" } })).id;
    areaId = (await prisma.area.findUniqueOrThrow({ where: { code: "NSH" } })).id;

    const taxonomy = await prisma.taxonomy.create({ data: { name: "Signposting test terms", description: "Fixtures for tests/signposting.test.ts" } });
    const term: Record<string, string> = {};
    const addTerm = async (code: string, name: string, parent?: string) => {
      term[code] = (await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code, name, description: name, parentId: parent ? term[parent]! : null } })).id;
    };
    await addTerm("sigtest-fixture", "Signposting test fixture");
    await addTerm("sigtest-page", "Signposting paging fixture");
    await addTerm("sigtest-sexual-violence", "Sexual violence");
    await addTerm("sigtest-rape", "Rape", "sigtest-sexual-violence");
    await addTerm("sigtest-domestic-abuse", "Domestic abuse");
    await addTerm("sigtest-hate-crime", "Hate crime");
    await addTerm("sigtest-counselling", "Counselling");
    await addTerm("sigtest-housing", "Safe housing");
    await addTerm("sigtest-women", "Women");

    const org = await prisma.directoryOrganization.create({ data: { name: "Quillfeather Trust", description: "Test organisation" } });
    const weekdays = [{ byDay: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "17:00" }];
    type Spec = {
      key: string;
      name: string;
      description: string;
      terms: string[];
      languages?: string[];
      minimumAge?: number;
      maximumAge?: number;
      acceptingReferrals?: boolean;
      alert?: string;
      schedules?: { byDay: string; opensAt: string; closesAt: string }[];
      servesNorthshire?: boolean;
      location?: { latitude?: number; longitude?: number; confidential?: boolean; locationType?: string; postalCode?: string; phone?: string };
    };
    const create = async (s: Spec) => {
      const created = await prisma.directoryService.create({
        data: {
          organizationId: org.id,
          name: s.name,
          description: s.description,
          languages: s.languages ?? ["English"],
          minimumAge: s.minimumAge ?? null,
          maximumAge: s.maximumAge ?? null,
          acceptingReferrals: s.acceptingReferrals ?? true,
          alert: s.alert ?? null,
          attributes: { create: s.terms.map((code) => ({ taxonomyTermId: term[code]! })) },
          schedules: { create: s.schedules ?? [] },
          phones: { create: [{ number: "0113 496 0000", description: "Main line" }] },
          serviceAreas: s.servesNorthshire ? { create: [{ name: "Northshire", areaId }] } : undefined,
          serviceAtLocations: s.location
            ? {
                create: [
                  {
                    location: {
                      create: {
                        organizationId: org.id,
                        name: `${s.name} premises`,
                        locationType: s.location.locationType ?? "physical",
                        latitude: s.location.latitude ?? null,
                        longitude: s.location.longitude ?? null,
                        confidential: s.location.confidential ?? false,
                        postalCode: s.location.postalCode ?? null,
                        phones: s.location.phone ? { create: [{ number: s.location.phone }] } : undefined,
                      },
                    },
                  },
                ],
              }
            : undefined,
        },
      });
      ids[s.key] = created.id;
    };

    await create({
      key: "leeds",
      name: "Leeds Sexual Violence Counselling",
      description: "Free confidential counselling after rape or sexual assault, for women and girls. Quillfeather.",
      terms: ["sigtest-fixture", "sigtest-rape", "sigtest-counselling", "sigtest-women"],
      languages: ["English", "Polish"],
      minimumAge: 16,
      maximumAge: 99,
      schedules: weekdays,
      location: { ...LEEDS_LS1, postalCode: "LS1 4AP" },
    });
    await create({
      key: "headingley",
      name: "Headingley Hate Crime Advocacy",
      description: "Advocacy and practical help after hate crime. Quillfeather.",
      terms: ["sigtest-fixture", "sigtest-hate-crime"],
      languages: ["English", "Urdu"],
      acceptingReferrals: false,
      alert: "Not accepting referrals until 3 March",
      schedules: [{ byDay: "SA", opensAt: "10:00", closesAt: "14:00" }],
      location: { ...LEEDS_LS6, postalCode: "LS6 2AB" },
    });
    await create({
      key: "brighton",
      name: "Brighton Survivors Counselling",
      description: "Counselling for survivors of rape and sexual abuse. Quillfeather.",
      terms: ["sigtest-fixture", "sigtest-rape", "sigtest-counselling"],
      languages: ["English", "Polish"],
      schedules: weekdays,
      // It says it serves Northshire too, but its premises are far away: a postcode search
      // places it by its premises, not by the areas it names.
      servesNorthshire: true,
      location: { ...BRIGHTON_BN1, postalCode: "BN1 1AA" },
    });
    await create({
      key: "refuge",
      name: "Safe Haven Refuge",
      description: "Emergency refuge accommodation for women and children fleeing domestic abuse. Quillfeather.",
      terms: ["sigtest-fixture", "sigtest-domestic-abuse", "sigtest-housing", "sigtest-women"],
      schedules: [{ byDay: "MO,TU,WE,TH,FR,SA,SU", opensAt: "00:00", closesAt: "00:00" }],
      servesNorthshire: true,
      location: { ...REFUGE_LS7, confidential: true, postalCode: "LS7 3QZ", phone: "0113 496 0999" },
    });
    await create({
      key: "chat",
      name: "Northshire Online Support Chat",
      description: "Live chat for anyone affected by domestic abuse, evenings and overnight. Quillfeather.",
      terms: ["sigtest-fixture", "sigtest-domestic-abuse"],
      schedules: [{ byDay: "FR,SA", opensAt: "18:00", closesAt: "02:00" }],
      servesNorthshire: true,
      location: { locationType: "virtual" },
    });

    // Paging fixtures: rank ties (same words), distance ties (same premises), higher ranks
    // (words repeated) and no distance (online, serving Northshire).
    for (let i = 0; i < 32; i++) {
      const repeated = i % 5 === 0 ? " quillpage quillpage quillpage" : "";
      const place = i % 4 === 0 ? LEEDS_LS1 : i % 4 === 1 ? LEEDS_LS6 : { latitude: 53.8 + (i % 7) * 0.004, longitude: -1.55 - (i % 3) * 0.01 };
      await create({
        key: `page${i}`,
        name: `Paging service ${i}`,
        description: `A quillpage service for the paging test.${repeated}`,
        terms: ["sigtest-page"],
        servesNorthshire: i % 6 === 0,
        location: i % 6 === 0 ? { locationType: "virtual" } : place,
      });
    }
  });

  afterAll(async () => {
    await hub.close();
  });

  const search = (as: string, variables: Record<string, unknown>) => hub.gql(as, SEARCH, variables);
  const results = async (as: string, variables: Record<string, unknown>) => {
    const res = await search(as, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.searchServices.results as any[];
  };
  const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
  const keys = (rows: any[]) => rows.map((r) => keyOf(r.id));

  it("finds services by words in their description", async () => {
    const found = await results(CPS_VLO, { text: "counselling quillfeather" });
    expect(new Set(keys(found))).toEqual(new Set(["leeds", "brighton"]));
    const leeds = found.find((r) => r.id === ids.leeds);
    expect(leeds).toMatchObject({ organisationName: "Quillfeather Trust", languages: ["English", "Polish"], phones: [{ number: "0113 496 0000" }] });
    expect(leeds.terms.map((t: any) => t.code).sort()).toEqual(["sigtest-counselling", "sigtest-fixture", "sigtest-rape", "sigtest-women"]);
    expect(keys(await results(CPS_VLO, { text: "fleeing quillfeather" }))).toEqual(["refuge"]);
    expect(await results(CPS_VLO, { text: "quillfeather -counselling -hate -fleeing -chat" })).toEqual([]);
  });

  it("keeps services within the distance of a postcode, nearer first, with distances to 1 decimal place", async () => {
    const near = await results(CPS_VLO, { postcode: "LS6", withinKm: 10, whoFor: "sigtest-fixture" });
    expect(keys(near)).toEqual(["headingley", "leeds"]);
    expect(near.map((r) => r.distanceKm)).toEqual([oneDp(km(CENTROID_LS6, LEEDS_LS6)), oneDp(km(CENTROID_LS6, LEEDS_LS1))]);
    expect(keys(await results(CPS_VLO, { postcode: "ls1", withinKm: 10, whoFor: "sigtest-fixture" }))).toEqual(["leeds", "headingley"]);
    expect(keys(await results(CPS_VLO, { postcode: "LS6", withinKm: 1, whoFor: "sigtest-fixture" }))).toEqual(["headingley"]);
    // 25 km by default: Brighton is about 300 km away.
    expect(keys(await results(CPS_VLO, { postcode: "LS6 2AB", whoFor: "sigtest-fixture" }))).toEqual(["headingley", "leeds"]);
    const far = await results(CPS_VLO, { postcode: "LS1", withinKm: 400, whoFor: "sigtest-fixture" });
    expect(keys(far)).toEqual(["leeds", "headingley", "brighton"]);
    expect(far[2].distanceKm).toBe(oneDp(km(CENTROID_LS1, BRIGHTON_BN1)));
    // Text ranks first, distance breaks ties; without a postcode there is no distance.
    expect((await results(CPS_VLO, { text: "quillfeather" })).every((r) => r.distanceKm === null)).toBe(true);
  });

  it("never places a refuge: no distance, and where it is only for its own organisation and the directory admins", async () => {
    // The Quillfeather Trust is no partner's: every partner sees only that the refuge's location is confidential.
    for (const as of [CPS_VLO, PROSECUTOR, ISVA]) {
      const res = await search(as, { text: "refuge quillfeather", postcode: "LS7", areaId });
      const [refuge] = res.data!.searchServices.results;
      expect(refuge).toMatchObject({ id: ids.refuge, distanceKm: null, locations: [{ confidential: true, postalCode: null, latitude: null, longitude: null, phones: [] }] });
      // Nothing about the premises anywhere in the answer.
      expect(JSON.stringify(res)).not.toMatch(/LS7 3QZ|53\.8177|1\.5406|0113 496 0999/);
    }
    const admin = (await results("directory@northshire-partnership.example.org", { text: "refuge quillfeather", postcode: "LS7", areaId }))[0];
    expect(admin).toMatchObject({ id: ids.refuge, distanceKm: null });
    expect(admin.locations).toEqual([{ id: expect.any(String), confidential: true, postalCode: "LS7 3QZ", latitude: REFUGE_LS7.latitude, longitude: REFUGE_LS7.longitude, phones: [{ number: "0113 496 0999" }] }]);
    // Its premises are at the LS7 centroid, yet it is never "near" (Headingley is 2.3 km away,
    // Leeds 2.4 km): only serving the area brings it in.
    for (const as of [ISVA, PROSECUTOR]) {
      expect(keys(await results(as, { postcode: "LS7", withinKm: 2.35, whoFor: "sigtest-fixture" }))).toEqual(["headingley"]);
      const withArea = await results(as, { postcode: "LS7", withinKm: 2.35, whoFor: "sigtest-fixture", areaId });
      expect(keys(withArea)).toEqual(["headingley", ...[ids.chat!, ids.refuge!].sort().map(keyOf)]);
      expect(withArea.slice(1).map((r) => r.distanceKm)).toEqual([null, null]);
    }
  });

  it("includes online services that serve the area, without a distance", async () => {
    const rows = await results(IDVA, { postcode: "LS1", areaId, crimeType: "sigtest-domestic-abuse" });
    expect(new Set(keys(rows))).toEqual(new Set(["chat", "refuge"]));
    expect(rows.every((r) => r.distanceKm === null)).toBe(true);
    expect(await results(IDVA, { postcode: "LS1", crimeType: "sigtest-domestic-abuse" })).toEqual([]);
    // A service with premises is placed by them, whatever areas it names: Brighton is too far.
    expect(new Set(keys(await results(IDVA, { postcode: "LS1", areaId, whoFor: "sigtest-fixture" })))).toEqual(new Set(["leeds", "headingley", "chat", "refuge"]));
    expect(keys(await results(IDVA, { postcode: "BN1", areaId, withinKm: 5, need: "sigtest-counselling" }))).toEqual(["brighton"]);
    // The area alone, without a postcode: only services that serve it.
    expect(new Set(keys(await results(IDVA, { areaId, whoFor: "sigtest-fixture" })))).toEqual(new Set(["chat", "refuge", "brighton"]));
  });

  it("combines every filter given (AND), narrower terms matching broader ones", async () => {
    const base = { whoFor: "sigtest-fixture" };
    // "Rape" sits under "sexual violence".
    expect(new Set(keys(await results(CPS_VLO, { ...base, crimeType: "sigtest-sexual-violence" })))).toEqual(new Set(["leeds", "brighton"]));
    expect(new Set(keys(await results(CPS_VLO, { ...base, need: "sigtest-counselling" })))).toEqual(new Set(["leeds", "brighton"]));
    expect(new Set(keys(await results(CPS_VLO, { ...base, language: "polish" })))).toEqual(new Set(["leeds", "brighton"]));
    expect(new Set(keys(await results(CPS_VLO, { ...base, language: "urdu" })))).toEqual(new Set(["headingley"]));
    expect(keys(await results(CPS_VLO, { ...base, acceptingReferrals: false }))).toEqual(["headingley"]);
    expect((await results(CPS_VLO, { ...base, acceptingReferrals: false }))[0]).toMatchObject({ acceptingReferrals: false, alert: "Not accepting referrals until 3 March" });
    const all = { ...base, crimeType: "sigtest-sexual-violence", need: "sigtest-counselling", language: "Polish", age: 30, acceptingReferrals: true, postcode: "LS6", openNow: true, asAt: WEDNESDAY_11 };
    expect(keys(await results(CPS_VLO, all))).toEqual(["leeds"]);
    // Each filter on its own can rule it out.
    for (const over of [{ age: 12 }, { language: "Urdu" }, { need: "sigtest-housing" }, { crimeType: "sigtest-hate-crime" }, { acceptingReferrals: false }, { asAt: SATURDAY_1130 }, { withinKm: 1 }, { text: "hate" }]) {
      expect(await results(CPS_VLO, { ...all, ...over }), JSON.stringify(over)).toEqual([]);
    }
    // Age limits are inclusive; no limit means any age.
    expect(keys(await results(CPS_VLO, { ...all, age: 16 }))).toEqual(["leeds"]);
    expect(keys(await results(CPS_VLO, { ...all, age: 99 }))).toEqual(["leeds"]);
    expect(await results(CPS_VLO, { ...all, age: 100 })).toEqual([]);
    expect(new Set(keys(await results(CPS_VLO, { ...base, age: 5 })))).toEqual(new Set(["headingley", "brighton", "refuge", "chat"]));
  });

  it("answers 'open now' in London time, including overnight hours, and says when a closed service next opens", async () => {
    const open = async (asAt: string) => new Set(keys(await results(CPS_VLO, { whoFor: "sigtest-fixture", openNow: true, asAt })));
    expect(await open(WEDNESDAY_11)).toEqual(new Set(["leeds", "brighton", "refuge"]));
    expect(await open(SATURDAY_1130)).toEqual(new Set(["headingley", "refuge"]));
    // Friday 18:00 to 02:00: still open at 01:30 on Saturday morning.
    expect(await open(SATURDAY_0130)).toEqual(new Set(["chat", "refuge"]));
    const closed = new Set(keys(await results(CPS_VLO, { whoFor: "sigtest-fixture", openNow: false, asAt: SATURDAY_1130 })));
    expect(closed).toEqual(new Set(["leeds", "brighton", "chat"]));
    // The result's own openNow agrees with the filter, and a closed service says when it opens.
    const rows = await results(CPS_VLO, { whoFor: "sigtest-fixture", asAt: SATURDAY_1130 });
    const byKey = Object.fromEntries(rows.map((r) => [keyOf(r.id), r]));
    expect(byKey.leeds).toMatchObject({ openNow: false, nextOpening: "2026-06-15T08:00:00.000Z", openingTimes: [{ byDay: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "17:00" }] });
    expect(byKey.headingley).toMatchObject({ openNow: true, nextOpening: null });
    expect(byKey.chat).toMatchObject({ openNow: false, nextOpening: "2026-06-13T17:00:00.000Z" });
  });

  it("pages through 25+ results by keyset without repeating or skipping any", async () => {
    const searches: Record<string, unknown>[] = [
      { text: "quillpage", postcode: "LS1", areaId, withinKm: 50 },
      { text: "quillpage" },
      { crimeType: "sigtest-page", postcode: "LS6", areaId },
    ];
    for (const s of searches) {
      const whole = await results(CPS_VLO, { ...s, first: 50 });
      expect(whole.length, JSON.stringify(s)).toBeGreaterThanOrEqual(25);
      for (const size of [1, 4, 7]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 60; pages++) {
          const res = await search(CPS_VLO, { ...s, first: size, after });
          const page = res.data!.searchServices;
          seen.push(...page.results.map((r: any) => r.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen, `${JSON.stringify(s)} in pages of ${size}`).toEqual(whole.map((r) => r.id));
      }
    }
    // The whole list is in ranking order: relevance, then distance (none last), then id.
    const ranked = await results(CPS_VLO, { text: "quillpage", postcode: "LS1", areaId, withinKm: 50, first: 50 });
    const repeated = ranked.filter((r) => Number(r.name.split(" ").at(-1)) % 5 === 0);
    expect(ranked.slice(0, repeated.length)).toEqual(repeated);
    const rest = ranked.slice(repeated.length);
    const sorted = [...rest].sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || 0);
    expect(rest.map((r) => r.distanceKm)).toEqual(sorted.map((r) => r.distanceKm));
  });

  it("refuses a cursor from another search, and a page size over 50", async () => {
    const first = (await search(CPS_VLO, { text: "quillpage", first: 2 })).data!.searchServices.pageInfo.endCursor;
    const other = await search(CPS_VLO, { text: "quillfeather", first: 2, after: first });
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "after" } });
    const forged = await search(CPS_VLO, { text: "quillpage", after: Buffer.from(JSON.stringify(["x", "1", null, "'; DROP TABLE x"])).toString("base64url") });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "after" } });
    const big = await search(CPS_VLO, { text: "quillpage", first: 51 });
    expect(big.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "first" } });
  });

  it("says plainly when it cannot recognise a postcode", async () => {
    for (const postcode of ["ZZ99 9ZZ", "not a postcode", "LS1; DROP TABLE"]) {
      const res = await search(CPS_VLO, { postcode, text: "quillfeather" });
      expect(res.errors?.[0], postcode).toMatchObject({ message: "We could not recognise that postcode. Check it and try again.", extensions: { code: "BAD_INPUT", field: "postcode" } });
    }
    const noPostcode = await search(CPS_VLO, { withinKm: 5, text: "quillfeather" });
    expect(noPostcode.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "withinKm" } });
  });

  it("records signposting in the ledger, seen by the others on the case, without satisfying unrelated deadlines", async () => {
    const prisma = hub.db.prisma;
    // An open CPS deadline on the case: telling her about a service is not telling her about a decision.
    const clock = await prisma.statutoryClock.create({
      data: { caseId, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", enhanced: false, startedAt: new Date(Date.now() - 3600_000), dueAt: new Date(Date.now() + 5 * 86_400_000) },
    });
    const res = await hub.gql(CPS_VLO, SIGNPOST, { caseId, serviceId: ids.leeds, channel: "PHONE", note: "She will call them on Monday." });
    const contact = res.data!.signpostService;
    expect(contact).toMatchObject({
      __typename: "ContactRecord",
      summary: "Told the victim about Leeds Sexual Violence Counselling (Quillfeather Trust). She will call them on Monday.",
      channel: "PHONE",
      outcome: "REACHED",
      signpostedServiceId: ids.leeds,
    });
    const seen = (await hub.gql(ISVA, CONTACTS, { id: caseId })).data!.case.contacts;
    expect(seen).toContainEqual({ id: contact.id, summary: contact.summary, channel: "PHONE", signpostedServiceId: ids.leeds });
    expect((await prisma.statutoryClock.findUniqueOrThrow({ where: { id: clock.id } })).satisfiedAt).toBeNull();
    const email = (await hub.gql(CPS_VLO, SIGNPOST, { caseId, serviceId: ids.chat, channel: "EMAIL" })).data!.signpostService;
    expect(email).toMatchObject({ summary: "Told the victim about Northshire Online Support Chat (Quillfeather Trust).", outcome: "SENT" });
  });

  it("refuses signposting on a case the caller may not see, for an unknown service, and without a purpose", async () => {
    const prisma = hub.db.prisma;
    const before = await prisma.contactRecord.count();
    const hidden = await hub.gql(CPS_VLO, SIGNPOST, { caseId: hiddenCaseId, serviceId: ids.leeds, channel: "PHONE" });
    expect(hidden.data!.signpostService).toEqual({ __typename: "NotFoundError", entity: "case" });
    const unknown = await hub.gql(CPS_VLO, SIGNPOST, { caseId, serviceId: "00000000-0000-4000-8000-000000000000", channel: "PHONE" });
    expect(unknown.data!.signpostService).toEqual({ __typename: "NotFoundError", entity: "service" });
    const noPurpose = await hub.gql(CPS_VLO, SIGNPOST, { caseId, serviceId: ids.leeds, channel: "PHONE" }, null);
    expect(noPurpose.data!.signpostService).toMatchObject({ __typename: "BadInputError", field: "purpose" });
    expect(await prisma.contactRecord.count()).toBe(before);
    // The refused look-up is in the audit log, as for any contact.
    expect(await prisma.auditEvent.count({ where: { action: "DENIED", entityType: "ContactRecord", entityId: hiddenCaseId } })).toBe(1);
  });
});
