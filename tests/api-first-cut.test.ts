// The first cut of the API over real HTTP: who am I, organisations, cases and one case.
import { DEMO_CASES, DEMO_ORGANISATIONS } from "@hub/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDVA, ISVA, SOUTHSHIRE_ISVA, startTestHub, WCU, type TestHub } from "./support/test-hub.js";

const CASES = `query Cases($first: Int, $after: String) {
  cases(first: $first, after: $after) { edges { cursor node { id policeUrn stage victimReference involvements { organisation { name } } } } pageInfo { hasNextPage endCursor } }
}`;

const ORG_KEYS: Record<string, string> = {
  "Northshire Rape Crisis": "ns-isva",
  "Safe Steps Northshire": "ns-idva",
  "Northshire Police Witness Care Unit": "ns-wcu",
  "Southshire ISVA Service": "ss-isva",
};
const KINDS: Record<string, string> = { "ns-isva": "ISVA_SERVICE", "ns-idva": "IDVA_SERVICE", "ns-wcu": "POLICE_WCU", "ss-isva": "ISVA_SERVICE" };

/** What the demo data says an organisation should see: involved, and statutory or consented to. */
const expectedCases = (orgName: string) => {
  const key = ORG_KEYS[orgName]!;
  return DEMO_CASES.filter(
    (c) =>
      c.involvements.some((i) => i.organisation === key) &&
      (key === "ns-wcu" ||
        (c.consents ?? []).some(
          (consent) =>
            !consent.withdrawn &&
            consent.shares.some((s) => (s.to === key || s.to === KINDS[key]) && s.categories.includes("CASE_PROGRESS") && s.purposes.includes("SUPPORT_AND_ADVOCACY")),
        )),
  ).map((c) => c.policeUrn);
};

describe("API first cut", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it("answers viewer for a signed-in user with their organisation and roles from the hub's database", async () => {
    const res = await hub.gql(ISVA, `{ viewer { name email roles organisation { name kind legalType areas { name } } } }`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      viewer: {
        name: "Amira Khan",
        email: ISVA,
        roles: ["ADVOCATE"],
        organisation: { name: "Northshire Rape Crisis", kind: "ISVA_SERVICE", legalType: "VOLUNTARY_SECTOR", areas: [{ name: "Northshire" }] },
      },
    });
  });

  it("lists the partnership's organisations", async () => {
    const res = await hub.gql(WCU, `{ organisations { name kind } }`);
    expect(res.data!.organisations).toContainEqual({ name: "Southshire ISVA Service", kind: "ISVA_SERVICE" });
    expect(res.data!.organisations).toHaveLength(DEMO_ORGANISATIONS.length);
  });

  it.each([
    [ISVA, "Northshire Rape Crisis"],
    [IDVA, "Safe Steps Northshire"],
    [WCU, "Northshire Police Witness Care Unit"],
    [SOUTHSHIRE_ISVA, "Southshire ISVA Service"],
  ])("%s sees exactly the cases their organisation supports and may see", async (email, orgName) => {
    const res = await hub.gql(email, CASES, { first: 100 });
    const cases = res.data!.cases.edges.map((e: any) => e.node);
    expect(cases.map((c: any) => c.policeUrn).sort()).toEqual(expectedCases(orgName).sort());
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.involvements.map((i: any) => i.organisation.name)).toContain(orgName);
  });

  it("pages through cases with keyset cursors, with no repeats and no gaps", async () => {
    const all = (await hub.gql(WCU, CASES, { first: 100 })).data!.cases.edges.map((e: any) => e.node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await hub.gql(WCU, CASES, { first: 2, after })).data!.cases;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(2);
  });

  it("refuses a page larger than the maximum with a clear, typed error", async () => {
    const res = await hub.gql(WCU, CASES, { first: 1000 });
    expect(res.errors?.[0]).toMatchObject({ message: "Ask for between 1 and 100 records at a time.", extensions: { code: "BAD_INPUT", field: "first" } });
  });

  it("refuses a cursor the hub did not give out", async () => {
    const res = await hub.gql(WCU, CASES, { first: 2, after: "not-a-cursor" });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_INPUT", field: "after" });
  });

  it("answers a case another organisation holds exactly as it answers an id that does not exist", async () => {
    const southshireCase = await hub.db.prisma.case.findFirstOrThrow({ where: { area: { code: "SSH" } } });
    const query = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id } ... on NotFoundError { message entity } } }`;
    const hidden = await hub.gql(ISVA, query, { id: southshireCase.id });
    const missing = await hub.gql(ISVA, query, { id: "00000000-0000-4000-8000-000000000000" });
    const garbage = await hub.gql(ISVA, query, { id: "'; DROP TABLE \"Case\"; --" });
    expect(hidden).toMatchObject({ status: 200, data: { case: { __typename: "NotFoundError", entity: "case" } } });
    expect(hidden.data).toEqual(missing.data);
    expect(garbage.data).toEqual(missing.data);
    const own = await hub.gql(SOUTHSHIRE_ISVA, query, { id: southshireCase.id });
    expect(own.data).toEqual({ case: { __typename: "Case", id: southshireCase.id } });
  });

  it("never sends victim identity or contact details in a case read", async () => {
    const victims = await hub.db.prisma.victimIdentity.findMany();
    const res = await hub.gql(WCU, CASES, { first: 100 });
    const body = JSON.stringify(res);
    for (const v of victims) expect(body).not.toContain(v.fullName);
  });
});

describe("authentication at the HTTP edge", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it("answers 401 with a Bearer challenge when no token is sent", async () => {
    const res = await hub.gql(null, `{ viewer { name } }`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="victims-hub"');
    expect(res.data).toBeUndefined();
  });

  it.each([
    ["garbage", "not.a.token"],
    ["wrong audience", () => hub.issuer.tokenFor(`demo|${ISVA}`, { audience: "someone-else" })],
    ["wrong issuer", () => hub.issuer.tokenFor(`demo|${ISVA}`, { issuer: "https://evil.example.org" })],
    ["expired", () => hub.issuer.tokenFor(`demo|${ISVA}`, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    ["unknown subject", () => hub.issuer.tokenFor("demo|nobody@example.org")],
  ])("answers 401 invalid_token for a %s token, without the library's message", async (_label, make) => {
    const token = typeof make === "string" ? make : await make();
    const res = await hub.gql(token, `{ viewer { name } }`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="victims-hub", error="invalid_token"');
    expect(res.errors).toEqual([{ message: "The access token is not valid.", extensions: { code: "UNAUTHENTICATED" } }]);
  });

  it("stops a deactivated user, or a user of a deactivated organisation, on the next request", async () => {
    const token = await hub.tokenFor(IDVA);
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(200);
    await hub.db.prisma.user.update({ where: { email: IDVA }, data: { active: false } });
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(401);
    await hub.db.prisma.user.update({ where: { email: IDVA }, data: { active: true } });
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(200);
    await hub.db.prisma.organisation.update({ where: { name: "Safe Steps Northshire" }, data: { active: false } });
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(401);
  });

  it("reports liveness and database readiness", async () => {
    expect(await (await fetch(`${hub.url}/health/live`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${hub.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", database: hub.db.kind });
  });
});
