// The open feed's organisations (Open Referral UK 3.0's optional /organizations and
// /organizations/{id}), over real HTTP, anonymously: every response checked against the HSDS
// 3.0 JSON Schemas; only organisations with a service in the feed; each with its services just
// as /services gives them; the same paging, errors, CORS and rate limit as the rest of the
// feed; and not one trace of a refuge's location, an internal contact or a partnership member.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptiesIn, expectValid, type Json, openFeedReader } from "./support/open-feed.js";
import { type ServedHub, serveHub } from "./support/test-hub.js";

const withoutOrganization = ({ organization: _o, ...rest }: Json) => rest;

describe("the open feed's organisations", () => {
  let hub: ServedHub;
  const secrets: string[] = [];
  let fixture: { harbourId: string; quietId: string; serviceId: string; publicSal: string };
  const { published, get, allPages } = openFeedReader(() => hub.url);

  beforeAll(async () => {
    hub = await serveHub({ protection: { openFeedRateLimit: { points: 100_000, durationSeconds: 60 } } });
    const prisma = hub.db.prisma;
    // An organisation with an office anyone may know about and a refuge nobody outside may,
    // and one that has no service in the directory at all.
    const harbour = await prisma.directoryOrganization.create({ data: { name: "Harbour Light Trust", description: "Organisations test: a refuge and outreach.", email: "hello@harbourlight.example.org" } });
    const quiet = await prisma.directoryOrganization.create({ data: { name: "Quietwater Members Forum", description: "Organisations test: no service yet.", email: "forum-secretary@quietwater.example.org" } });
    const office = await prisma.directoryLocation.create({ data: { organizationId: harbour.id, name: "Harbour Light office", address1: "1 Open Street", city: "Leeds", region: "Northshire", postalCode: "LS1 4AP", latitude: 53.79592, longitude: -1.5537 } });
    const hidden = await prisma.directoryLocation.create({
      data: { organizationId: harbour.id, name: "Harbour Light house", address1: "7 Quietwater Close", city: "Leeds", region: "Northshire", postalCode: "LS7 9QQ", latitude: 53.83333, longitude: -1.51111, confidential: true },
    });
    await prisma.directoryLocation.create({ data: { organizationId: quiet.id, name: "Quietwater meeting room", address1: "3 Closed Lane", city: "Leeds", postalCode: "LS2 7EE" } });
    const service = await prisma.directoryService.create({
      data: {
        organizationId: harbour.id,
        name: "Harbour Light Refuge and Outreach",
        description: "Refuge and outreach for women escaping domestic abuse.",
        phones: { create: [{ number: "01632 960501", description: "Referral line" }] },
        contacts: { create: [{ name: "Referrals team", email: "referrals@harbourlight.example.org" }] },
      },
    });
    const publicSal = await prisma.serviceAtLocation.create({ data: { serviceId: service.id, locationId: office.id } });
    const hiddenSal = await prisma.serviceAtLocation.create({ data: { serviceId: service.id, locationId: hidden.id, description: "The house itself" } });
    const hiddenPhone = await prisma.directoryPhone.create({ data: { serviceId: service.id, locationId: hidden.id, number: "01632 960502", description: "House phone" } });
    await prisma.directorySchedule.create({ data: { serviceAtLocationId: hiddenSal.id, byDay: "MO", opensAt: "07:07", closesAt: "08:08", description: "Quiet hours at the house" } });
    fixture = { harbourId: harbour.id, quietId: quiet.id, serviceId: service.id, publicSal: publicSal.id };

    // Everything that would give a refuge away, and what belongs to no published service.
    for (const l of await prisma.directoryLocation.findMany({ where: { confidential: true }, include: { phones: true, serviceAtLocations: { include: { schedules: true } } } })) {
      secrets.push(l.id, l.address1!, l.postalCode!, String(l.latitude), String(l.longitude), `"${l.name}"`);
      for (const p of l.phones) secrets.push(p.id, p.number);
      for (const sal of l.serviceAtLocations) secrets.push(sal.id, ...sal.schedules.map((s) => s.id));
    }
    secrets.push(hiddenPhone.id, "01632 960502", "Quiet hours at the house", "The house itself", quiet.id, "Quietwater Members Forum", "forum-secretary@quietwater.example.org", "3 Closed Lane");
    // The partnership members behind directory entries are not directory data.
    for (const o of await prisma.organisation.findMany({ select: { id: true } })) secrets.push(o.id);
    expect(secrets.length).toBeGreaterThan(30);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("lists only organisations with a service in the feed, each as a valid HSDS 3.0 organization", async () => {
    const organizations = await allPages("/organizations", 4);
    const providers = new Set((await allPages("/services", 100)).map((s) => s.organization_id));
    expect(organizations.length).toBeGreaterThan(5);
    expect(new Set(organizations.map((o) => o.id))).toEqual(providers);
    expect(organizations.length).toBe(await hub.db.prisma.directoryOrganization.count({ where: { services: { some: {} } } }));
    expect(organizations.map((o) => o.name)).toContain("Harbour Light Trust");
    expect(organizations.map((o) => o.id)).not.toContain(fixture.quietId);
    const names = organizations.map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const o of organizations) {
      expectValid("organization.json", o, `/organizations item ${o.name}`);
      // The one-to-one fields /services already shows for the same organisation, and no more.
      expect(Object.keys(o).every((k) => ["id", "name", "description", "email", "website"].includes(k)), o.name).toBe(true);
    }
    expect(emptiesIn(organizations)).toEqual([]);

    // Each page once; the same answer whatever the page size; plain errors for bad paging.
    expect((await allPages("/organizations", 100)).map((o) => o.id)).toEqual(organizations.map((o) => o.id));
    const beyond = await get("/organizations?page=999&per_page=5");
    expect(beyond.body).toMatchObject({ page_number: 999, size: 0, empty: true, last_page: true, first_page: false, contents: [] });
    for (const bad of ["per_page=0", "per_page=101", "page=0", "page=abc"]) {
      const res = await get(`/organizations?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body!.error, bad).toMatch(/must be a whole number/);
    }

    // search: every word in the name or description, and never an organisation without a service.
    expect((await allPages("/organizations?search=harbour%20refuge", 100)).map((o) => o.name)).toEqual(["Harbour Light Trust"]);
    expect(await allPages("/organizations?search=quietwater", 100)).toEqual([]);
    expect(await allPages("/organizations?search=100%25", 100)).toEqual([]);
    expect((await get(`/organizations?search=${"x".repeat(201)}`)).status).toBe(400);
  });

  it("gives each organisation with its services, just as /services gives them", async () => {
    for (const o of await allPages("/organizations", 100)) {
      const { status, body } = await get(`/organizations/${o.id}`);
      expect(status).toBe(200);
      expectValid("organization.json", body, `/organizations/${o.id}`);
      expect(emptiesIn(body), o.name).toEqual([]);
      const { services, ...fields } = body!;
      expect(fields).toEqual(o);
      const listed = await allPages(`/services?organization_id=${o.id}`, 100);
      expect(services.length, o.name).toBeGreaterThan(0);
      expect(services).toEqual(listed.map(withoutOrganization));
      for (const s of services) expectValid("compiled/service_list.json", s, `/organizations/${o.id} service ${s.name}`);

      // full_service=true: each service fully nested, as /services/{id} gives it.
      const full = (await get(`/organizations/${o.id}?full_service=true`)).body!;
      expectValid("organization.json", full, `/organizations/${o.id}?full_service=true`);
      expect(emptiesIn(full), o.name).toEqual([]);
      expect(full.services.map((s: Json) => s.id)).toEqual(services.map((s: Json) => s.id));
      for (const s of full.services) {
        expectValid("compiled/service.json", s, `/organizations/${o.id}?full_service=true service ${s.name}`);
        expect(s).toEqual(withoutOrganization((await get(`/services/${s.id}`)).body!));
      }
    }
    const harbour = (await get(`/organizations/${fixture.harbourId}?full_service=true`)).body!;
    expect(harbour).toMatchObject({ name: "Harbour Light Trust", email: "hello@harbourlight.example.org", services: [{ id: fixture.serviceId, contacts: [{ email: "referrals@harbourlight.example.org" }] }] });
    expect(harbour.services[0].service_at_locations.map((s: Json) => s.id)).toEqual([fixture.publicSal]);
    expect(harbour.services[0].phones.map((p: Json) => p.number)).toEqual(["01632 960501"]);
    expect((await get(`/organizations/${fixture.harbourId}?full_service=false`)).body).toEqual((await get(`/organizations/${fixture.harbourId}`)).body);
    const bad = await get(`/organizations/${fixture.harbourId}?full_service=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "full_service must be true or false." });
  });

  it("answers 404 with the feed's error for an organisation it does not publish, or does not have", async () => {
    for (const path of [`/organizations/${fixture.quietId}`, `/organizations/${fixture.quietId}?full_service=true`, "/organizations/7b0c4f5e-0000-4000-8000-000000000000", "/organizations/not-an-id", `/organizations/${fixture.harbourId}/services`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ error: "Not found." });
      expect(res.response.headers.get("access-control-allow-origin"), path).toBe("*");
    }
  });

  it("is open to any web page, read-only and cacheable, like the rest of the feed", async () => {
    for (const path of ["/organizations?per_page=1", `/organizations/${fixture.harbourId}`]) {
      const ok = await get(path);
      expect(ok.status, path).toBe(200);
      expect(ok.response.headers.get("access-control-allow-origin")).toBe("*");
      expect(ok.response.headers.get("cache-control")).toBe("public, max-age=300");
      expect(ok.response.headers.get("content-type")).toMatch(/^application\/json/);
      const head = await fetch(`${hub.url}/openreferral${path}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe("");
    }
    const post = await fetch(`${hub.url}/openreferral/organizations`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("publishes nothing /services does not, and never a refuge's location or an organisation without a service", async () => {
    /** Every value in a document, with where it sits (its key), e.g. "email=hello@…". */
    const leaves = (value: unknown, key = ""): string[] =>
      Array.isArray(value) ? value.flatMap((v) => leaves(v, key)) : value !== null && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => leaves(v, k)) : [`${key}=${String(value)}`];
    const fromServices = new Set<string>();
    for (const s of await allPages("/services", 100)) for (const leaf of leaves((await get(`/services/${s.id}`)).body)) fromServices.add(leaf);
    const fromOrganizations = new Set<string>();
    for (const o of await allPages("/organizations", 100)) for (const leaf of leaves((await get(`/organizations/${o.id}?full_service=true`)).body)) fromOrganizations.add(leaf);
    expect(fromOrganizations.size).toBeGreaterThan(200);
    expect([...fromOrganizations].filter((leaf) => !fromServices.has(leaf))).toEqual([]);

    expect(published.length).toBeGreaterThan(50);
    const everything = published.join("\n");
    expect(everything).toContain("Harbour Light office");
    for (const secret of secrets) expect(everything.includes(secret), `the feed published ${secret}`).toBe(false);
  });
});

describe("the open feed's organisations under its rate limit", () => {
  let hub: ServedHub;
  beforeAll(async () => {
    hub = await serveHub({ protection: { openFeedRateLimit: { points: 3, durationSeconds: 60 } } });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("share one allowance with the rest of the feed", async () => {
    const from = { headers: { "X-Forwarded-For": "203.0.113.40" } };
    for (const path of ["/openreferral/services?per_page=1", "/openreferral/organizations?per_page=1", "/openreferral/taxonomies"]) {
      const ok = await fetch(`${hub.url}${path}`, from);
      expect(ok.status, path).toBe(200);
      await ok.body?.cancel();
    }
    const refused = await fetch(`${hub.url}/openreferral/organizations`, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect((await refused.json()).error).toMatch(/^Too many requests to the open feed from your address/);
  });
});
