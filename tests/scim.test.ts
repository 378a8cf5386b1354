// Provisioning people from the partnership's identity provider (SCIM 2.0) over real HTTP.
//
// The story: Northshire's partnership administrator connects the partnership's identity
// provider and copies its token, which the hub shows once. The identity provider creates a new
// ISVA and a group for Northshire Rape Crisis's ISVAs; the administrator maps that group to
// Northshire Rape Crisis with the advocate role, and the ISVA can sign in. When she is
// deactivated in the identity provider her very next request is refused; when she leaves the
// group her membership ends. Southshire's administrator can do none of this for Northshire, and
// no connection ever sees another's people.
import { createHash } from "node:crypto";
import { ConfigError, readConfig } from "@hub/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, InvalidTokenError } from "../apps/api/src/identity/verify-token.js";
import { claimsFor, signed } from "./support/jwt.js";
import { ISVA, startTestHub, type TestHub } from "./support/test-hub.js";

const NS_ADMIN = "directory@northshire-partnership.example.org";
const SS_ADMIN = "admin@southshire-partnership.example.org";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const VIEWER = "{ viewer { name organisation { name } roles } }";

const CREATE_CLIENT = `mutation ($name: String!) { createProvisioningClient(name: $name) {
  __typename ... on NewProvisioningClient { token client { id name revokedAt groups { id } } } ... on Error { message } ... on BadInputError { field } } }`;
const CLIENTS = `{ provisioningClients { id name revokedAt lastUsedAt groups { id displayName memberCount role organisation { name } } } }`;
const MAP = `mutation ($groupId: ID!, $organisationId: ID!, $role: Role!) { mapProvisioningGroup(groupId: $groupId, organisationId: $organisationId, role: $role) {
  __typename ... on ProvisioningGroup { id memberCount role organisation { name } } ... on Error { message } ... on BadInputError { field } } }`;
const UNMAP = `mutation ($groupId: ID!) { unmapProvisioningGroup(groupId: $groupId) { __typename ... on ProvisioningGroup { role organisation { name } } ... on Error { message } } }`;
const REVOKE = `mutation ($id: ID!) { revokeProvisioningClient(id: $id) { __typename ... on ProvisioningClient { revokedAt } ... on Error { message } } }`;

interface ScimAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

describe("provisioning people from the identity provider (SCIM 2.0)", () => {
  let hub: TestHub;
  const tokens: string[] = [];
  const emailsSent: string[] = [];
  let organisations: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub();
    const { data } = await hub.gql(NS_ADMIN, "{ organisations { id name } }");
    organisations = Object.fromEntries(data!.organisations.map((o: { id: string; name: string }) => [o.name, o.id]));
  });
  afterAll(async () => {
    await hub.close();
  });

  async function scim(token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> {
    const response = await fetch(`${hub.url}/scim/v2${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "Content-Type": "application/scim+json" } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  }

  async function connect(admin: string, name: string): Promise<{ id: string; token: string }> {
    const { data } = await hub.gql(admin, CREATE_CLIENT, { name });
    const made = data!.createProvisioningClient;
    expect(made.__typename).toBe("NewProvisioningClient");
    tokens.push(made.token);
    return { id: made.client.id, token: made.token };
  }

  const newUser = (userName: string, extra: Record<string, unknown> = {}) => {
    emailsSent.push(userName.toLowerCase());
    return { schemas: [USER_SCHEMA], userName, name: { givenName: "Test", familyName: "Person" }, active: true, ...extra };
  };

  async function createUser(token: string, userName: string, extra: Record<string, unknown> = {}) {
    const res = await scim(token, "POST", "/Users", newUser(userName, extra));
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; userName: string; externalId?: string; [k: string]: unknown };
  }

  const viewerAs = async (subject: string) => hub.gql(await hub.issuer.tokenFor(subject), VIEWER, undefined, null);
  const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

  it("makes a connection for a partnership administrator only, and shows its token once", async () => {
    const { data } = await hub.gql(NS_ADMIN, CREATE_CLIENT, { name: "Entra ID, Northshire" });
    const made = data!.createProvisioningClient;
    expect(made.__typename).toBe("NewProvisioningClient");
    expect(made.token).toMatch(/^hubscim_[A-Za-z0-9_-]{43}$/);
    tokens.push(made.token);
    // The hub keeps the SHA-256 only; the list of connections never carries a token.
    const row = await hub.db.prisma.provisioningClient.findUniqueOrThrow({ where: { id: made.client.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(made.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const list = await hub.gql(NS_ADMIN, CLIENTS);
    expect(list.data!.provisioningClients.map((c: { id: string }) => c.id)).toContain(made.client.id);
    // Never under an Idempotency-Key: a stored answer would keep the token to replay.
    const keyed = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await hub.tokenFor(NS_ADMIN)}`, "Idempotency-Key": "make-a-client" },
      body: JSON.stringify({ query: CREATE_CLIENT, variables: { name: "Keyed" } }),
    });
    expect(keyed.status).toBe(400);
    expect(await hub.db.prisma.idempotencyRecord.count()).toBe(0);
    expect(JSON.stringify(list)).not.toContain(made.token);
    expect(JSON.stringify(list)).not.toContain("hubscim_");
    const audit = await hub.db.prisma.auditEvent.findFirst({ where: { entityType: "ProvisioningClient", entityId: made.client.id } });
    expect(audit).toMatchObject({ action: "COLLECTION", fields: ["ProvisioningClient.name", "ProvisioningClient.tokenHash"] });

    // An ISVA (no administrator role) can neither make one nor see any.
    const refused = await hub.gql(ISVA, CREATE_CLIENT, { name: "My own IdP" });
    expect(refused.data!.createProvisioningClient.__typename).toBe("BadInputError");
    expect((await hub.gql(ISVA, CLIENTS)).data!.provisioningClients).toEqual([]);
    // Nor can Southshire's administrator see or revoke Northshire's.
    expect((await hub.gql(SS_ADMIN, CLIENTS)).data!.provisioningClients).toEqual([]);
    expect((await hub.gql(SS_ADMIN, REVOKE, { id: made.client.id })).data!.revokeProvisioningClient.__typename).toBe("NotFoundError");
  });

  it("lets a mapped group's member sign in, stops her on her next request when deactivated, and ends her membership when she leaves the group", async () => {
    const idp = await connect(NS_ADMIN, "Entra ID (story)");
    const created = await scim(idp.token, "POST", "/Users", {
      ...newUser("Nadia.Begum@Northshire-RapeCrisis.example.org"),
      externalId: "7c1a3e52-0b7e-4a57-9b5f-3f6d2f1c9a10",
      name: { givenName: "Nadia", familyName: "Begum", formatted: "Nadia Begum" },
      emails: [{ value: "nadia.begum@northshire-rapecrisis.example.org", type: "work", primary: true }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const user = created.body;
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: "nadia.begum@northshire-rapecrisis.example.org",
      externalId: "7c1a3e52-0b7e-4a57-9b5f-3f6d2f1c9a10",
      name: { formatted: "Nadia Begum" },
      active: true,
      meta: { resourceType: "User", location: `${hub.url}/scim/v2/Users/${user.id}` },
    });
    expect(created.headers.get("location")).toBe(user.meta.location);
    expect(Date.parse(user.meta.created)).not.toBeNaN();
    expect(Date.parse(user.meta.lastModified)).not.toBeNaN();
    // The sign-in identifier is the externalId: with no mapped group yet she has no membership, so no access.
    const subject = "7c1a3e52-0b7e-4a57-9b5f-3f6d2f1c9a10";
    expect((await hub.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBe(subject);
    expect((await viewerAs(subject)).status).toBe(401);

    const group = await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "NRC ISVAs", members: [{ value: user.id }] });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ displayName: "NRC ISVAs", members: [{ value: user.id }], meta: { resourceType: "Group" } });
    expect((await viewerAs(subject)).status).toBe(401); // a group gives nothing until it is mapped

    const listed = (await hub.gql(NS_ADMIN, CLIENTS)).data!.provisioningClients.find((c: { id: string }) => c.id === idp.id);
    expect(listed.groups).toEqual([{ id: group.body.id, displayName: "NRC ISVAs", memberCount: 1, role: null, organisation: null }]);
    expect(listed.lastUsedAt).not.toBeNull();

    const mapped = await hub.gql(NS_ADMIN, MAP, { groupId: group.body.id, organisationId: organisations["Northshire Rape Crisis"], role: "ADVOCATE" });
    expect(mapped.data!.mapProvisioningGroup).toMatchObject({ __typename: "ProvisioningGroup", role: "ADVOCATE", organisation: { name: "Northshire Rape Crisis" }, memberCount: 1 });

    const signedIn = await viewerAs(subject);
    expect(signedIn.status).toBe(200);
    expect(signedIn.data).toEqual({ viewer: { name: "Nadia Begum", organisation: { name: "Northshire Rape Crisis" }, roles: ["ADVOCATE"] } });
    const membership = await hub.db.prisma.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ provisionedByClientId: idp.id, active: true, roles: ["ADVOCATE"] });
    // The administrator cannot change a membership the groups decide.
    const byHand = await hub.gql(NS_ADMIN, `mutation ($u: ID!, $o: ID!) { setMembershipRoles(userId: $u, organisationId: $o, roles: [CASEWORKER]) { __typename } }`, {
      u: user.id,
      o: organisations["Northshire Rape Crisis"],
    });
    expect(byHand.data!.setMembershipRoles.__typename).toBe("BadInputError");

    // Deactivated in the identity provider (Entra ID's shape: capitalised op, the value as a string): the very next request is refused.
    const off = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "Replace", path: "active", value: "False" }));
    expect(off.status, off.text).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await viewerAs(subject)).status).toBe(401);
    // Reactivated (Okta's shape: no path): back at once.
    const on = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "replace", value: { active: true } }));
    expect(on.body.active).toBe(true);
    expect((await viewerAs(subject)).status).toBe(200);

    // She leaves the group (Entra ID removes by filter): her membership ends, the row stays.
    const left = await scim(idp.token, "PATCH", `/Groups/${group.body.id}`, patch({ op: "Remove", path: `members[value eq "${user.id}"]` }));
    expect(left.status, left.text).toBe(200);
    expect(left.body.members ?? []).toEqual([]);
    expect((await viewerAs(subject)).status).toBe(401);
    expect(await hub.db.prisma.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({ active: false, roles: ["ADVOCATE"], provisionedByClientId: idp.id });

    // Every change is in the audit log by identifiers, the identity provider's changes with no acting person.
    const entries = await hub.db.prisma.auditEvent.findMany({ where: { entityId: { in: [membership.id, user.id] } }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.entityType, e.action, e.fields, e.actorUserId === null, e.outcome])).toEqual([
      ["User", "COLLECTION", ["User.email", "User.name", "User.oidcSubject", "User.active", "User.provisionedByClientId", "User.scimExternalId"], true, `scim:${idp.id}`],
      ["Membership", "COLLECTION", ["Membership.organisationId", "Membership.roles", "Membership.provisionedByClientId"], false, `scim:${idp.id}`],
      ["User", "ALTERATION", ["User.active"], true, `scim:${idp.id}`],
      ["User", "ALTERATION", ["User.active"], true, `scim:${idp.id}`],
      ["Membership", "ALTERATION", ["Membership.active"], true, `scim:${idp.id}`],
    ]);
    expect(JSON.stringify(entries, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/nadia|begum/i);

    // Back in the group: the same membership comes back; unmapping the group ends it again.
    await scim(idp.token, "PATCH", `/Groups/${group.body.id}`, patch({ op: "Add", path: "members", value: [{ value: user.id }] }));
    expect((await viewerAs(subject)).status).toBe(200);
    const unmapped = await hub.gql(NS_ADMIN, UNMAP, { groupId: group.body.id });
    expect(unmapped.data!.unmapProvisioningGroup).toEqual({ __typename: "ProvisioningGroup", role: null, organisation: null });
    expect((await viewerAs(subject)).status).toBe(401);
    expect(await hub.db.prisma.membership.count({ where: { userId: user.id } })).toBe(1);

    // Mapped again, then the group is deleted in the identity provider: what it gave ends.
    await hub.gql(NS_ADMIN, MAP, { groupId: group.body.id, organisationId: organisations["Northshire Rape Crisis"], role: "ADVOCATE" });
    expect((await viewerAs(subject)).status).toBe(200);
    expect((await scim(idp.token, "DELETE", `/Groups/${group.body.id}`)).status).toBe(204);
    expect((await scim(idp.token, "GET", `/Groups/${group.body.id}`)).status).toBe(404);
    expect((await viewerAs(subject)).status).toBe(401);
  });

  it("gives the union of the roles of a person's mapped groups, and takes over a membership an administrator made by hand", async () => {
    const idp = await connect(NS_ADMIN, "Union of roles");
    const user = await createUser(idp.token, "union.person@northshire-rapecrisis.example.org");
    const advocates = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Advocates", members: [{ value: user.id }] })).body;
    const admins = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Admins", members: [{ value: user.id }] })).body;
    const rapeCrisis = organisations["Northshire Rape Crisis"];
    await hub.gql(NS_ADMIN, MAP, { groupId: advocates.id, organisationId: rapeCrisis, role: "ADVOCATE" });
    await hub.gql(NS_ADMIN, MAP, { groupId: admins.id, organisationId: rapeCrisis, role: "ORGANISATION_ADMIN" });
    const viewer = await viewerAs("union.person@northshire-rapecrisis.example.org");
    expect([...viewer.data!.viewer.roles].sort()).toEqual(["ADVOCATE", "ORGANISATION_ADMIN"]);

    // A person an administrator had added by hand to Safe Steps, then provisioned: the groups take that membership over.
    const idva = await createUser(idp.token, "second.person@safesteps-northshire.example.org");
    const safeSteps = organisations["Safe Steps Northshire"]!;
    const handMade = await hub.db.prisma.membership.create({ data: { userId: idva.id, organisationId: safeSteps, roles: ["CASEWORKER"] } });
    const idvas = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "IDVAs", members: [{ value: idva.id }] })).body;
    await hub.gql(NS_ADMIN, MAP, { groupId: idvas.id, organisationId: safeSteps, role: "ADVOCATE" });
    expect(await hub.db.prisma.membership.findUniqueOrThrow({ where: { id: handMade.id } })).toMatchObject({ roles: ["ADVOCATE"], provisionedByClientId: idp.id, active: true });
  });

  it("refuses mappings an administrator may not make: another partnership's organisation or group, a partnership role outside their body", async () => {
    const south = await connect(SS_ADMIN, "Southshire IdP");
    const southGroup = (await scim(south.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Southshire ISVAs" })).body;
    const toNorth = await hub.gql(SS_ADMIN, MAP, { groupId: southGroup.id, organisationId: organisations["Northshire Rape Crisis"], role: "ADVOCATE" });
    expect(toNorth.data!.mapProvisioningGroup).toMatchObject({ __typename: "BadInputError", field: "organisationId" });
    // Control: the same administrator may map it to Southshire's own ISVA service.
    const toSouth = await hub.gql(SS_ADMIN, MAP, { groupId: southGroup.id, organisationId: organisations["Southshire ISVA Service"], role: "ADVOCATE" });
    expect(toSouth.data!.mapProvisioningGroup.__typename).toBe("ProvisioningGroup");

    const north = await connect(NS_ADMIN, "Northshire IdP for refusals");
    const northGroup = (await scim(north.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Northshire ISVAs" })).body;
    const northGroupBySouth = await hub.gql(SS_ADMIN, MAP, { groupId: northGroup.id, organisationId: organisations["Southshire ISVA Service"], role: "ADVOCATE" });
    expect(northGroupBySouth.data!.mapProvisioningGroup.__typename).toBe("NotFoundError");
    expect((await hub.gql(SS_ADMIN, UNMAP, { groupId: northGroup.id })).data!.unmapProvisioningGroup.__typename).toBe("NotFoundError");
    const auditorAtCharity = await hub.gql(NS_ADMIN, MAP, { groupId: northGroup.id, organisationId: organisations["Northshire Rape Crisis"], role: "PARTNERSHIP_AUDITOR" });
    expect(auditorAtCharity.data!.mapProvisioningGroup).toMatchObject({ __typename: "BadInputError", field: "role" });
    const prosecutorAtCharity = await hub.gql(NS_ADMIN, MAP, { groupId: northGroup.id, organisationId: organisations["Northshire Rape Crisis"], role: "PROSECUTOR" });
    expect(prosecutorAtCharity.data!.mapProvisioningGroup).toMatchObject({ __typename: "BadInputError", field: "role" });
    expect(await hub.db.prisma.provisioningGroup.findUniqueOrThrow({ where: { id: northGroup.id } })).toMatchObject({ organisationId: null, role: null });
  });

  it("shows a connection only the people and groups it provisioned", async () => {
    const a = await connect(NS_ADMIN, "Connection A");
    const b = await connect(NS_ADMIN, "Connection B");
    const aUser = await createUser(a.token, "only.a@northshire-police.example.org");
    const aGroup = (await scim(a.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "A's group" })).body;
    const demoIsva = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA } });

    expect((await scim(b.token, "GET", "/Users")).body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0, Resources: [] });
    expect((await scim(b.token, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${ISVA}"`)}`)).body.totalResults).toBe(0);
    for (const id of [aUser.id, demoIsva.id]) {
      expect((await scim(b.token, "GET", `/Users/${id}`)).status).toBe(404);
      expect((await scim(b.token, "PATCH", `/Users/${id}`, patch({ op: "replace", path: "active", value: false }))).status).toBe(404);
      expect((await scim(b.token, "PUT", `/Users/${id}`, newUser("taken.over@example.org"))).status).toBe(404);
      expect((await scim(b.token, "DELETE", `/Users/${id}`)).status).toBe(404);
    }
    expect((await hub.db.prisma.user.findUniqueOrThrow({ where: { id: aUser.id } })).active).toBe(true);
    expect((await scim(b.token, "GET", `/Groups/${aGroup.id}`)).status).toBe(404);
    expect((await scim(b.token, "GET", "/Groups")).body.totalResults).toBe(0);
    // B cannot put A's person, or a hand-made one, in its own group.
    const bGroup = await scim(b.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "B's group", members: [{ value: aUser.id }] });
    expect(bGroup.status).toBe(400);
    expect(bGroup.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "400", scimType: "invalidValue" });
    // A userName the hub already has is a uniqueness conflict, whoever made it; the detail names no one.
    const taken = await scim(b.token, "POST", "/Users", newUser(ISVA.toUpperCase()));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "409", scimType: "uniqueness" });
    expect(taken.text.toLowerCase()).not.toContain(ISVA);
    const takenByA = await scim(b.token, "POST", "/Users", newUser("only.a@northshire-police.example.org"));
    expect(takenByA.status).toBe(409);
  });

  it("answers 401, with a SCIM error and WWW-Authenticate, to no token, a wrong one and a revoked one", async () => {
    const client = await connect(NS_ADMIN, "To be revoked");
    expect((await scim(client.token, "GET", "/Users")).status).toBe(200); // control

    const none = await scim(null, "GET", "/Users");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="victims-hub-scim"');
    expect(none.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "401" });
    expect(none.headers.get("content-type")).toMatch(/^application\/scim\+json/);

    const wrong = await scim(`hubscim_${"A".repeat(43)}`, "GET", "/Users");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="victims-hub-scim", error="invalid_token"');
    // A GraphQL user's token is no SCIM token.
    expect((await scim(await hub.tokenFor(NS_ADMIN), "GET", "/Users")).status).toBe(401);

    const revoked = await hub.gql(NS_ADMIN, REVOKE, { id: client.id });
    expect(revoked.data!.revokeProvisioningClient.revokedAt).not.toBeNull();
    const after = await scim(client.token, "GET", "/Users");
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(after.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "401" });
    expect((await hub.gql(NS_ADMIN, REVOKE, { id: client.id })).data!.revokeProvisioningClient.__typename).toBe("BadInputError");
  });

  it("filters and pages the people a connection provisioned", async () => {
    const idp = await connect(NS_ADMIN, "Filters");
    const people = [];
    for (let i = 1; i <= 5; i++) people.push(await createUser(idp.token, `Filter.Person${i}@Victimsupport-Northshire.example.org`, { externalId: `ext-${i}`, active: i !== 3 }));
    const list = async (query: string) => {
      const res = await scim(idp.token, "GET", `/Users?${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body as { totalResults: number; startIndex: number; itemsPerPage: number; Resources: { id: string; userName: string }[] };
    };
    const f = (filter: string) => `filter=${encodeURIComponent(filter)}`;

    expect((await list(f('userName eq "FILTER.PERSON2@victimsupport-northshire.example.org"'))).Resources.map((r) => r.id)).toEqual([people[1]!.id]);
    expect((await list(f('externalId eq "ext-4"'))).Resources.map((r) => r.id)).toEqual([people[3]!.id]);
    expect((await list(f('externalId eq "EXT-4"'))).totalResults).toBe(0); // externalId is case-exact
    expect((await list(f('emails.value eq "filter.person5@victimsupport-northshire.example.org"'))).Resources.map((r) => r.id)).toEqual([people[4]!.id]);
    expect((await list(f('emails[value eq "filter.person1@victimsupport-northshire.example.org"]'))).Resources.map((r) => r.id)).toEqual([people[0]!.id]);
    expect((await list(f("active eq false"))).Resources.map((r) => r.id)).toEqual([people[2]!.id]);
    expect((await list(f('active eq true and (externalId eq "ext-1" or externalId eq "ext-5")'))).Resources.map((r) => r.id)).toEqual([people[0]!.id, people[4]!.id]);
    expect((await list(f('userName sw "filter.person"'))).totalResults).toBe(5);
    expect((await list(f('not (userName co "person1")'))).totalResults).toBe(4);

    const page = await list("startIndex=2&count=2");
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((r) => r.id)).toEqual([people[1]!.id, people[2]!.id]);
    expect((await list("startIndex=5&count=10")).Resources.map((r) => r.id)).toEqual([people[4]!.id]);
    expect(await list("count=0")).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const few = await list("attributes=userName");
    expect(Object.keys(few.Resources[0]!).sort()).toEqual(["id", "schemas", "userName"]);

    // The same search by POST /.search.
    const searched = await scim(idp.token, "POST", "/Users/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: 'externalId eq "ext-2"', startIndex: 1, count: 10 });
    expect(searched.body.Resources.map((r: { id: string }) => r.id)).toEqual([people[1]!.id]);

    // Groups by displayName (Entra ID asks like this, without members).
    await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Victim Support caseworkers", members: [{ value: people[0]!.id }] });
    const groups = await scim(idp.token, "GET", `/Groups?${f('displayName eq "victim support caseworkers"')}&excludedAttributes=members`);
    expect(groups.body.totalResults).toBe(1);
    expect(groups.body.Resources[0]).not.toHaveProperty("members");
    expect(groups.body.Resources[0].displayName).toBe("Victim Support caseworkers");

    // A filter the hub cannot read is a 400 invalidFilter that does not repeat it.
    for (const bad of ['userName eq "secret-filter-value', 'phoneNumbers eq "secret-filter-value"', 'active eq "secret-filter-value"']) {
      const res = await scim(idp.token, "GET", `/Users?${f(bad)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "400", scimType: "invalidFilter" });
      expect(res.text).not.toContain("secret-filter-value");
    }
  });

  it("applies PATCH bodies as Entra ID and Okta send them, and PUT keeps what it leaves out", async () => {
    const idp = await connect(NS_ADMIN, "Patch shapes");
    const user = await createUser(idp.token, "old.name@northshire-police.example.org", { externalId: "entra-object-1", name: { formatted: "Old Name", givenName: "Old", familyName: "Name" } });
    // Entra ID: several Replace operations with paths, in one request.
    emailsSent.push("new.name@northshire-police.example.org");
    const entra = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch(
      { op: "Replace", path: "userName", value: "New.Name@Northshire-Police.example.org" },
      { op: "Replace", path: "name.familyName", value: "Surname" },
      { op: "Add", path: "title", value: "Detective Constable" },
      { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "CID" },
    ));
    expect(entra.status, entra.text).toBe(200);
    expect(entra.body).toMatchObject({ userName: "new.name@northshire-police.example.org", name: { formatted: "Old Surname" }, externalId: "entra-object-1" });
    expect(entra.body).not.toHaveProperty("title"); // accepted, not kept
    // Only the family name changed: the given name stays. Then emails alone changes the address.
    emailsSent.push("mail.alias@northshire-police.example.org");
    const mail = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "replace", path: 'emails[type eq "work"].value', value: "mail.alias@northshire-police.example.org" }));
    expect(mail.body.userName).toBe("mail.alias@northshire-police.example.org");
    // Okta: no path, a value object; and Entra ID's older path-less form keyed by "name.givenName".
    const okta = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "replace", value: { displayName: "Okta Name", active: false } }));
    expect(okta.body).toMatchObject({ name: { formatted: "Okta Name" }, active: false });
    const dotted = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "Replace", value: { "name.givenName": "Given", "name.familyName": "Family", active: "True" } }));
    expect(dotted.body).toMatchObject({ name: { formatted: "Given Family" }, active: true });
    // Attribute names are not case-sensitive.
    const cased = await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "replace", path: "DisplayName", value: "Cased Name" }));
    expect(cased.body.displayName).toBe("Cased Name");

    // A changed externalId is the new sign-in identifier: the old one no longer signs in.
    const group = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Police caseworkers", members: [{ value: user.id }] })).body;
    await hub.gql(NS_ADMIN, MAP, { groupId: group.id, organisationId: organisations["Northshire Police"], role: "CASEWORKER" });
    expect((await viewerAs("entra-object-1")).status).toBe(200);
    await scim(idp.token, "PATCH", `/Users/${user.id}`, patch({ op: "replace", path: "externalId", value: "entra-object-2" }));
    expect((await viewerAs("entra-object-1")).status).toBe(401);
    expect((await viewerAs("entra-object-2")).data!.viewer.name).toBe("Cased Name");

    // PUT (Okta updates a profile so): what it leaves out is kept, so the sign-in identifier does not change by omission.
    const put = await scim(idp.token, "PUT", `/Users/${user.id}`, { schemas: [USER_SCHEMA], id: user.id, userName: "mail.alias@northshire-police.example.org", name: { givenName: "Put", familyName: "Person" } });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ externalId: "entra-object-2", name: { formatted: "Put Person" }, active: true });
    expect((await viewerAs("entra-object-2")).data!.viewer.name).toBe("Put Person");
    const wrongId = await scim(idp.token, "PUT", `/Users/${user.id}`, { schemas: [USER_SCHEMA], id: group.id, userName: "mail.alias@northshire-police.example.org" });
    expect(wrongId.body).toMatchObject({ status: "400", scimType: "mutability" });

    // Groups: Entra ID adds and removes members by value (removal items may carry more than the value); Okta renames with the id in the value.
    const second = await createUser(idp.token, "second.officer@northshire-police.example.org");
    const added = await scim(idp.token, "PATCH", `/Groups/${group.id}`, patch({ op: "Add", path: "members", value: [{ value: second.id, display: "Second Officer" }] }));
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([user.id, second.id].sort());
    expect((await viewerAs("second.officer@northshire-police.example.org")).status).toBe(200);
    const renamed = await scim(idp.token, "PATCH", `/Groups/${group.id}`, patch({ op: "replace", value: { id: group.id, displayName: "Police caseworkers (renamed)" } }));
    expect(renamed.body.displayName).toBe("Police caseworkers (renamed)");
    const removed = await scim(idp.token, "PATCH", `/Groups/${group.id}`, patch({ op: "Remove", path: "members", value: [{ value: second.id, display: "Second Officer" }] }));
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    expect((await viewerAs("second.officer@northshire-police.example.org")).status).toBe(401);
    const okta2 = await scim(idp.token, "PATCH", `/Groups/${group.id}`, patch({ op: "remove", path: `members[value eq "${user.id}"]` }, { op: "add", path: "members", value: [{ value: second.id }] }));
    expect(okta2.body.members.map((m: { value: string }) => m.value)).toEqual([second.id]);
    const replacedMembers = await scim(idp.token, "PUT", `/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], displayName: "Police caseworkers", members: [{ value: user.id }] });
    expect(replacedMembers.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    expect((await viewerAs("second.officer@northshire-police.example.org")).status).toBe(401);
    expect((await viewerAs("entra-object-2")).status).toBe(200);
    const renameClash = await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Police caseworkers" });
    expect(renameClash.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("refuses bad JSON, unknown attributes, wrong schemas and impossible operations with 400s that repeat nothing sent", async () => {
    const idp = await connect(NS_ADMIN, "Bad input");
    const user = await createUser(idp.token, "bad.input@northshire-police.example.org");
    const group = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Bad input group" })).body;
    const cases: [string, string, string, unknown, string][] = [
      ["POST", "/Users", "not json", '{"userName": "secret-value@example.org",', "invalidSyntax"],
      ["POST", "/Users", "unknown attribute", { ...newUser("fine@example.org"), favouriteColour: "secret-value" }, "invalidValue"],
      ["POST", "/Users", "unknown extension schema", { ...newUser("fine2@example.org"), schemas: [USER_SCHEMA, "urn:example:secret-value"] }, "invalidValue"],
      ["POST", "/Users", "wrong schema", { ...newUser("fine3@example.org"), schemas: [GROUP_SCHEMA] }, "invalidSyntax"],
      ["POST", "/Users", "userName not an email", newUser("secret-value"), "invalidValue"],
      ["POST", "/Users", "no name", { schemas: [USER_SCHEMA], userName: "secret-value@example.org" }, "invalidValue"],
      ["POST", "/Users", "active not a boolean", newUser("secret-value@example.org", { active: "secret-value" }), "invalidValue"],
      ["POST", "/Groups", "member not a user", { schemas: [GROUP_SCHEMA], displayName: "secret-value", members: [{ value: "secret-value" }] }, "invalidValue"],
      ["PATCH", `/Users/${user.id}`, "not a PatchOp", { Operations: [{ op: "replace", path: "active", value: false }] }, "invalidSyntax"],
      ["PATCH", `/Users/${user.id}`, "unknown op", patch({ op: "secret-value", path: "active", value: false }), "invalidSyntax"],
      ["PATCH", `/Users/${user.id}`, "unknown attribute by path", patch({ op: "add", path: "secretValue", value: "secret-value" }), "invalidValue"],
      ["PATCH", `/Users/${user.id}`, "remove without a path", patch({ op: "remove", value: "secret-value" }), "noTarget"],
      ["PATCH", `/Users/${user.id}`, "a name that is not an object", patch({ op: "replace", path: "name", value: "secret-value" }), "invalidValue"],
      ["PATCH", `/Users/${user.id}`, "no operations", patch(), "invalidSyntax"],
      ["PATCH", `/Users/${user.id}`, "an email that is not one", patch({ op: "replace", path: "userName", value: "secret-value" }), "invalidValue"],
      ["PATCH", `/Users/${user.id}`, "a changed id", patch({ op: "replace", path: "id", value: "secret-value" }), "mutability"],
      // Prototype pollution: scim-patch would write these into Object.prototype, in this very process.
      ["PATCH", `/Users/${user.id}`, "a path through __proto__", patch({ op: "replace", path: "__proto__.secretValue", value: "secret-value" }), "invalidSyntax"],
      ["PATCH", `/Users/${user.id}`, "a path through constructor", patch({ op: "add", path: "constructor.prototype.secretValue", value: "secret-value" }), "invalidSyntax"],
      ["PATCH", `/Users/${user.id}`, "a value keyed __proto__", '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","value":{"__proto__.secretValue":"secret-value"}}]}', "invalidSyntax"],
      ["PATCH", `/Groups/${group.id}`, "a group path through __proto__", patch({ op: "add", path: "__proto__.secretValue", value: "secret-value" }), "invalidSyntax"],
      ["POST", "/Users", "a body with __proto__", `{"schemas":["${USER_SCHEMA}"],"userName":"proto@example.org","__proto__":{"secretValue":"secret-value"}}`, "invalidSyntax"],
    ];
    for (const [method, path, what, body, scimType] of cases) {
      const res = await scim(idp.token, method, path, body);
      expect(res.status, `${what}: ${res.text}`).toBe(400);
      expect(res.body, what).toMatchObject({ schemas: [ERROR_SCHEMA], status: "400", scimType });
      expect(typeof res.body.detail, what).toBe("string");
      expect(res.text, what).not.toMatch(/secret-?value|favouriteColour/i);
    }
    expect(({} as Record<string, unknown>).secretValue).toBeUndefined();
    // Nothing was written by any of them.
    expect(await hub.db.prisma.user.count({ where: { provisionedByClientId: idp.id } })).toBe(1);
    expect((await scim(idp.token, "GET", `/Users/${user.id}`)).body).toMatchObject({ userName: "bad.input@northshire-police.example.org", active: true });

    const tooLarge = await scim(idp.token, "POST", "/Users", { ...newUser("large@example.org"), displayName: "x".repeat(1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "413" });
    expect((await scim(idp.token, "GET", "/Users/not-a-uuid")).status).toBe(404);
    expect((await scim(idp.token, "GET", "/Nothing")).status).toBe(404);
    expect((await scim(idp.token, "GET", "/constructor")).status).toBe(404);
    expect((await scim(idp.token, "GET", `/Users?filter=${encodeURIComponent('constructor eq "x"')}`)).status).toBe(400);
    expect((await scim(idp.token, "POST", "/Bulk", {})).status).toBe(501);
  });

  it("keeps a deleted person's row, deactivated, and ends what the connection gave them", async () => {
    const idp = await connect(NS_ADMIN, "Deletes");
    const user = await createUser(idp.token, "leaver@safesteps-northshire.example.org", { externalId: "leaver-1" });
    const group = (await scim(idp.token, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Leavers", members: [{ value: user.id }] })).body;
    await hub.gql(NS_ADMIN, MAP, { groupId: group.id, organisationId: organisations["Safe Steps Northshire"], role: "ADVOCATE" });
    expect((await viewerAs("leaver-1")).status).toBe(200);

    const deleted = await scim(idp.token, "DELETE", `/Users/${user.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await viewerAs("leaver-1")).status).toBe(401);
    expect((await scim(idp.token, "GET", `/Users/${user.id}`)).status).toBe(404);
    expect((await scim(idp.token, "DELETE", `/Users/${user.id}`)).status).toBe(404);
    const row = await hub.db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } });
    expect(row).toMatchObject({ active: false, provisionedByClientId: null });
    expect(row.memberships.map((m) => m.active)).toEqual([false]);
    expect((await scim(idp.token, "GET", `/Groups/${group.id}`)).body.members ?? []).toEqual([]);
  });

  it("publishes the RFC's discovery documents", async () => {
    const idp = await connect(NS_ADMIN, "Discovery");
    const spc = await scim(idp.token, "GET", "/ServiceProviderConfig");
    expect(spc.status).toBe(200);
    expect(spc.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(spc.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken", primary: true }],
      meta: { resourceType: "ServiceProviderConfig", location: `${hub.url}/scim/v2/ServiceProviderConfig` },
    });

    const types = await scim(idp.token, "GET", "/ResourceTypes");
    expect(types.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2 });
    expect(types.body.Resources.map((r: { id: string; endpoint: string; schema: string }) => [r.id, r.endpoint, r.schema])).toEqual([
      ["User", "/Users", USER_SCHEMA],
      ["Group", "/Groups", GROUP_SCHEMA],
    ]);
    expect((await scim(idp.token, "GET", "/ResourceTypes/Group")).body).toMatchObject({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "Group", meta: { resourceType: "ResourceType" } });

    const schemas = await scim(idp.token, "GET", "/Schemas");
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA]);
    const user = await scim(idp.token, "GET", `/Schemas/${USER_SCHEMA}`);
    expect(user.body).toMatchObject({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"], id: USER_SCHEMA, meta: { resourceType: "Schema" } });
    const userName = user.body.attributes.find((a: { name: string }) => a.name === "userName");
    expect(userName).toMatchObject({ type: "string", multiValued: false, required: true, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "server" });
    expect(user.body.attributes.map((a: { name: string }) => a.name)).toEqual(["userName", "name", "displayName", "emails", "active", "groups"]);
    expect((await scim(idp.token, "GET", "/Schemas/urn:example:nothing")).status).toBe(404);
    // They are behind the token like everything else.
    expect((await scim(null, "GET", "/ServiceProviderConfig")).status).toBe(401);
  });

  it("reads the person's identifier from the claim OIDC_SUBJECT_CLAIM names (Entra ID: oid)", async () => {
    const external = { OIDC_ISSUER: "https://login.example.org/tenant/v2.0", OIDC_JWKS_URL: "https://login.example.org/tenant/keys" };
    const config = readConfig({ ...external, OIDC_SUBJECT_CLAIM: "oid" });
    expect(config.identity).toMatchObject({ kind: "external", subjectClaim: "oid" });
    expect(readConfig(external).identity).toMatchObject({ subjectClaim: "sub" });
    expect(() => readConfig({ ...external, OIDC_SUBJECT_CLAIM: "not a claim" })).toThrow(ConfigError);

    const verifier = (subjectClaim?: string) =>
      createTokenVerifier({ issuer: hub.issuer.issuer, audience: hub.issuer.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: hub.issuer.jwks }, subjectClaim });
    const token = await signed(hub.issuer.privateKey, { alg: "ES256", kid: hub.issuer.kid }, claimsFor(hub.issuer, "pairwise-subject", { oid: "entra-object-id" }));
    expect(await verifier("oid")(`Bearer ${token}`)).toEqual({ subject: "entra-object-id" });
    expect(await verifier()(`Bearer ${token}`)).toEqual({ subject: "pairwise-subject" });
    const noOid = await signed(hub.issuer.privateKey, { alg: "ES256", kid: hub.issuer.kid }, claimsFor(hub.issuer, "pairwise-subject"));
    await expect(verifier("oid")(`Bearer ${noOid}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it("never writes a token or an email address to the logs", async () => {
    expect(tokens.length).toBeGreaterThan(5);
    expect(hub.logs.some((line) => line.includes("scim request"))).toBe(true); // the SCIM requests were logged, by identifiers
    const logs = hub.logs.join("\n").toLowerCase();
    for (const token of tokens) expect(logs).not.toContain(token.toLowerCase());
    expect(logs).not.toContain("hubscim_");
    for (const email of new Set(emailsSent)) expect(logs).not.toContain(email);
    expect(logs).not.toContain("secret-value");
  });
});
