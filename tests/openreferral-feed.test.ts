// The open directory feed (Open Referral UK 3.0) over real HTTP, anonymously: every response
// checked against the HSDS 3.0 JSON Schemas, ORUK paging and ANDed parameters, distance from a
// postcode, CORS and caching, and not one trace of a refuge's location anywhere in it.
import { importDirectory } from "@hub/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptiesIn, expectValid, type Json, openFeedReader } from "./support/open-feed.js";
import { type ServedHub, serveHub } from "./support/test-hub.js";

const R = 6_371_008.8;
const metres = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
};
// Sector centroids from sectors.csv: where "LS6 2AB" and "BN1 1AA" searches start.
const LS6_2 = { latitude: 53.81658, longitude: -1.55861 };
const BN1_1 = { latitude: 50.82359, longitude: -0.14033 };

describe("the Open Referral UK feed", () => {
  let hub: ServedHub;
  const secrets: string[] = [];
  let fixture: { serviceId: string; publicSal: string; hiddenSal: string };
  /** Every response body the feed gave in these tests (`published`), for the refuge search. */
  const { published, get, allPages } = openFeedReader(() => hub.url);

  beforeAll(async () => {
    // These tests read every page from one address, far more than the feed's default 120 a minute.
    hub = await serveHub({ protection: { openFeedRateLimit: { points: 100_000, durationSeconds: 60 } } });
    const prisma = hub.db.prisma;
    // A service with an office anyone may know about, and a refuge nobody outside may.
    const org = await prisma.directoryOrganization.create({ data: { name: "Harbour Light Trust", description: "Feed test organisation." } });
    const office = await prisma.directoryLocation.create({ data: { organizationId: org.id, name: "Harbour Light office", address1: "1 Open Street", city: "Leeds", region: "Northshire", postalCode: "LS1 4AP", latitude: 53.79592, longitude: -1.5537 } });
    const hidden = await prisma.directoryLocation.create({
      data: { organizationId: org.id, name: "Harbour Light house", address1: "7 Quietwater Close", city: "Leeds", region: "Northshire", postalCode: "LS7 9QQ", latitude: 53.83333, longitude: -1.51111, confidential: true },
    });
    const service = await prisma.directoryService.create({
      data: {
        organizationId: org.id,
        name: "Harbour Light Refuge and Outreach",
        description: "Refuge and outreach for women escaping domestic abuse.",
        lastVerifiedAt: new Date(),
        phones: { create: [{ number: "01632 960501", description: "Referral line" }] },
      },
    });
    const publicSal = await prisma.serviceAtLocation.create({ data: { serviceId: service.id, locationId: office.id } });
    const hiddenSal = await prisma.serviceAtLocation.create({ data: { serviceId: service.id, locationId: hidden.id, description: "The house itself" } });
    const hiddenPhone = await prisma.directoryPhone.create({ data: { serviceId: service.id, locationId: hidden.id, number: "01632 960502", description: "House phone" } });
    const hiddenSchedule = await prisma.directorySchedule.create({ data: { serviceAtLocationId: hiddenSal.id, byDay: "MO", opensAt: "07:07", closesAt: "08:08", description: "Quiet hours at the house" } });
    fixture = { serviceId: service.id, publicSal: publicSal.id, hiddenSal: hiddenSal.id };

    // Everything that would give a refuge away.
    for (const l of await prisma.directoryLocation.findMany({ where: { confidential: true }, include: { phones: true, serviceAtLocations: { include: { schedules: true } } } })) {
      secrets.push(l.id, l.address1!, l.postalCode!, String(l.latitude), String(l.longitude), `"${l.name}"`);
      for (const p of l.phones) secrets.push(p.id, p.number);
      for (const sal of l.serviceAtLocations) secrets.push(sal.id, ...sal.schedules.map((s) => s.id));
    }
    secrets.push(hiddenPhone.id, "01632 960502", hiddenSchedule.id, "Quiet hours at the house", "The house itself");
    expect(secrets.length).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("answers GET / with its HSDS-UK-3.0 version, to anyone", async () => {
    const { status, body } = await get("/");
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: "HSDS-UK-3.0", openapi_url: expect.stringMatching(/^https:\/\//) });
    expect((await get("")).body).toEqual(body);
  });

  it("publishes every service, service at location, taxonomy and term as valid HSDS 3.0, leaving out empty fields", async () => {
    const services = await allPages("/services");
    expect(services.length).toBe(await hub.db.prisma.directoryService.count());
    for (const s of services) {
      expectValid("compiled/service_list.json", s, `/services item ${s.name}`);
      const { status, body } = await get(`/services/${s.id}`);
      expect(status).toBe(200);
      expectValid("compiled/service.json", body, `/services/${s.id}`);
      expect(emptiesIn(body), s.name).toEqual([]);
    }
    const sals = await allPages("/service_at_locations");
    expect(sals.length).toBeGreaterThan(25);
    for (const sal of sals) {
      expectValid("compiled/service_at_location_list.json", sal, `/service_at_locations item ${sal.id}`);
      const { status, body } = await get(`/service_at_locations/${sal.id}`);
      expect(status).toBe(200);
      expectValid("compiled/service_at_location.json", body, `/service_at_locations/${sal.id}`);
      expect(emptiesIn(body), sal.id).toEqual([]);
    }
    const taxonomies = await allPages("/taxonomies", 1);
    expect(taxonomies.map((t) => t.name)).toContain("Victim support needs");
    for (const t of taxonomies) {
      expectValid("taxonomy.json", t, "/taxonomies item");
      expectValid("taxonomy.json", (await get(`/taxonomies/${t.id}`)).body, `/taxonomies/${t.id}`);
    }
    const terms = await allPages("/taxonomy_terms", 7);
    expect(terms.length).toBeGreaterThanOrEqual(28);
    for (const t of terms) {
      expectValid("taxonomy_term.json", t, "/taxonomy_terms item");
      const { body } = await get(`/taxonomy_terms/${t.id}`);
      expectValid("taxonomy_term.json", body, `/taxonomy_terms/${t.id}`);
      expect(body).toEqual(t);
    }
    for (const list of [services, sals, taxonomies, terms]) expect(emptiesIn(list)).toEqual([]);

    // A full service carries what partners need: phones, opening times, areas, terms, languages, addresses.
    const isva = (await get(`/services/${services.find((s) => s.name === "Northshire ISVA Service")!.id}`)).body!;
    expect(isva).toMatchObject({
      status: "active",
      phones: [{ number: "01632 960101" }],
      schedules: [{ freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "09:00", closes_at: "17:00" }],
      service_areas: [{ name: "Northshire" }],
      organization: { name: "Northshire Rape Crisis" },
      service_at_locations: [{ location: { latitude: 53.80092, longitude: -1.54653, addresses: [{ postal_code: "LS2 8QH", city: "Leeds", country: "GB", address_type: "physical" }] } }],
    });
    expect(isva.languages.map((l: Json) => l.name)).toEqual(["English", "Urdu", "Polish"]);
    expect(isva.attributes.map((a: Json) => a.taxonomy_term.code)).toEqual(expect.arrayContaining(["sexual-violence", "court-support"]));
    expect(isva.eligibility_description).toBe("Adults aged 18 and over who live in Northshire, of any gender.");
    expect(isva).not.toHaveProperty("alert"); // it has none: left out, not null
  });

  it("never publishes anything about a refuge's location, on any endpoint or page", async () => {
    // Make sure the walk has happened, and add the searches most likely to leak.
    await allPages("/services", 100);
    await allPages("/service_at_locations", 100);
    for (const near of ["LS8%203PZ", "LS7%209QQ", "BN2%206QT", "LS8", "BN2"]) {
      await allPages(`/service_at_locations?postcode=${near}`, 100);
      await allPages(`/service_at_locations?postcode=${near}&proximity=3000`, 100);
    }
    await allPages("/service_at_locations?search=refuge", 100);
    expect((await get(`/service_at_locations/${fixture.hiddenSal}`)).status).toBe(404);

    // The refuge services themselves are listed, with their referral line, but nowhere to go.
    const refuge = (await get(`/services/${(await hub.db.prisma.directoryService.findFirstOrThrow({ where: { name: "Safe Steps Refuge" } })).id}`)).body!;
    expect(refuge).toMatchObject({ name: "Safe Steps Refuge", phones: [{ number: "01632 960112" }], description: expect.stringContaining("refuge") });
    expect(refuge).not.toHaveProperty("service_at_locations");
    const mixed = (await get(`/services/${fixture.serviceId}`)).body!;
    expect(mixed.service_at_locations.map((s: Json) => s.id)).toEqual([fixture.publicSal]);
    expect(mixed.phones.map((p: Json) => p.number)).toEqual(["01632 960501"]);

    expect(published.length).toBeGreaterThan(100);
    const everything = published.join("\n");
    expect(everything).toContain("Safe Steps Refuge");
    for (const secret of secrets) expect(everything.includes(secret), `the feed published ${secret}`).toBe(false);
  });

  it("is open to any web page, read-only and cacheable, and needs no sign-in", async () => {
    const ok = await get("/services?per_page=1");
    expect(ok.status).toBe(200);
    expect(ok.response.headers.get("access-control-allow-origin")).toBe("*");
    expect(ok.response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(ok.response.headers.get("content-type")).toMatch(/^application\/json/);
    for (const path of ["/services/7b0c4f5e-0000-4000-8000-000000000000", "/services/not-an-id", "/nothing-here", "/constructor", "/__proto__", "/services?per_page=0"]) {
      const res = await get(path);
      expect(res.status, path).toBe(path.includes("per_page") ? 400 : 404);
      expect(res.response.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.body!.error, path).toEqual(expect.any(String));
    }
    const preflight = await fetch(`${hub.url}/openreferral/services`, { method: "OPTIONS", headers: { Origin: "https://finder.example.org", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await fetch(`${hub.url}/openreferral/services`, { method, body: method === "DELETE" ? undefined : "{}" });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
    }
    const head = await fetch(`${hub.url}/openreferral/services`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("access-control-allow-origin")).toBe("*");
    // A token, even a bad one, changes nothing: the feed ignores it.
    const withJunkToken = await get("/services?per_page=1", { headers: { Authorization: "Bearer nonsense" } });
    expect(withJunkToken.status).toBe(200);
  });

  it("pages every list: each item once, totals that add up, and plain errors for bad paging", async () => {
    const byFive = await allPages("/services", 5);
    const byHundred = await allPages("/services", 100);
    expect(new Set(byFive.map((s) => s.id)).size).toBe(byFive.length);
    expect(byFive.map((s) => s.id)).toEqual(byHundred.map((s) => s.id));
    const beyond = await get("/services?page=999&per_page=5");
    expect(beyond.body).toMatchObject({ page_number: 999, size: 0, empty: true, last_page: true, first_page: false, contents: [] });
    for (const bad of ["per_page=0", "per_page=101", "per_page=abc", "page=0", "page=-1", "page=1.5"]) {
      const res = await get(`/services?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body!.error, bad).toMatch(/must be a whole number/);
    }
  });

  it("ANDs its query parameters", async () => {
    const terms = await allPages("/taxonomy_terms", 100);
    const term = (code: string) => terms.find((t) => t.code === code)!.id;
    const ids = async (query: string) => new Set((await allPages(`/services?${query}`, 100)).map((s) => s.id));
    const intersect = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)));

    const domestic = await ids(`taxonomy_term_id=${term("domestic-abuse")}`);
    const refuge = await ids("search=refuge");
    const both = await ids(`taxonomy_term_id=${term("domestic-abuse")}&search=refuge`);
    expect(both.size).toBeGreaterThan(0);
    expect(both.size).toBeLessThan(domestic.size);
    expect(both).toEqual(intersect(domestic, refuge));

    const children = await ids(`taxonomy_term_id=${term("children")}`);
    const upTo17 = await ids("maximum_age=17");
    const childrenUpTo17 = await ids(`taxonomy_term_id=${term("children")}&maximum_age=17`);
    expect(childrenUpTo17.size).toBeGreaterThan(0);
    expect(childrenUpTo17.size).toBeLessThan(children.size);
    expect(childrenUpTo17).toEqual(intersect(children, upTo17));

    // Several words: each must match. Opening times: one schedule must match them all.
    expect(await ids("search=refuge%20southshire")).toEqual(intersect(refuge, await ids("search=southshire")));
    const thursdayEvenings = await allPages("/services?day=TH&start_time=17:00", 100);
    expect(thursdayEvenings.map((s) => s.name)).toEqual(["Specialist Counselling for Survivors"]);
    expect((await get("/services?day=Funday")).status).toBe(400);
    expect((await get("/services?taxonomy_term_id=nope")).status).toBe(400);

    // The same on service_at_locations, with distance too.
    const nearRefugeTerm = await allPages(`/service_at_locations?taxonomy_term_id=${term("domestic-abuse")}&postcode=LS6%202AB&proximity=5000`, 100);
    expect(nearRefugeTerm.length).toBeGreaterThan(0);
    for (const sal of nearRefugeTerm) {
      const full = (await get(`/services/${sal.service.id}`)).body!;
      expect(full.attributes.map((a: Json) => a.taxonomy_term.code)).toContain("domestic-abuse");
      expect(metres(LS6_2, sal.location)).toBeLessThanOrEqual(5000);
    }
  });

  it("finds services near a postcode, nearest first, and leaves out those further than the proximity", async () => {
    const within2km = await allPages("/service_at_locations?postcode=LS6%202AB&proximity=2000", 100);
    const distances = within2km.map((sal) => metres(LS6_2, sal.location));
    expect(within2km.length).toBeGreaterThan(2);
    expect(distances.every((d) => d <= 2000)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(within2km[0]!.service.name).toBe("Stalking Advocacy Service"); // at the LS6 2 centroid itself
    // Every public location within 2 km is there; none further.
    const everyone = await allPages("/service_at_locations", 100);
    const expected = everyone.filter((sal) => sal.location.latitude !== undefined && metres(LS6_2, sal.location) <= 2000).map((sal) => sal.id).sort();
    expect(within2km.map((sal) => sal.id).sort()).toEqual(expected);
    expect(within2km.some((sal) => sal.location.latitude < 51)).toBe(false);

    // Without a proximity: everything, nearest first.
    const fromBrighton = await allPages("/service_at_locations?postcode=bn11aa", 100);
    expect(fromBrighton).toHaveLength(everyone.length);
    const fromBrightonKm = fromBrighton.map((sal) => metres(BN1_1, sal.location));
    expect(fromBrightonKm).toEqual([...fromBrightonKm].sort((a, b) => a - b));
    expect(fromBrighton[0]!.location.latitude).toBeLessThan(51);
    expect(fromBrighton.at(-1)!.location.latitude).toBeGreaterThan(53);

    for (const bad of ["proximity=1000", "postcode=nonsense", "postcode=ZZ99%209ZZ", "postcode=LS6&proximity=-5", "postcode=LS6&proximity=far"]) {
      const res = await get(`/service_at_locations?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body!.error, bad).toEqual(expect.any(String));
      expect(res.text, bad).not.toContain("nonsense");
    }
  });

  it("can be imported back unchanged: what it publishes is what the hub holds", async () => {
    const services = await allPages("/services", 100);
    const documents = [];
    for (const s of services) documents.push((await get(`/services/${s.id}`)).body!);
    const report = await importDirectory(hub.db.prisma, documents);
    expect(report).toMatchObject({ total: services.length, created: 0, updated: 0, unchanged: services.length, rejected: [] });
    // The refuge links the feed leaves out are still there.
    expect(await hub.db.prisma.serviceAtLocation.findUnique({ where: { id: fixture.hiddenSal } })).not.toBeNull();
  });
});
