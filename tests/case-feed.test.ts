// The live feed of case updates over real HTTP: a GraphQL subscription served as
// server-sent events. The policy decides every event for each subscriber, at the moment it
// happens; every delivered event is logged; the bus itself carries identifiers only.
//
// Determinism: fetch() resolves only once Yoga has built the response, which is after the
// subscription is registered on the bus, so nothing published afterwards can be missed.
// Each subscriber handles its events one at a time, in order, so "received nothing" is
// proved by a later event that it does receive (a barrier), never by a long sleep (the one
// case with nothing left to receive waits 300 ms).
import { InProcessCaseEvents, type CaseEvent } from "@hub/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { makeConsent } from "@hub/test-utils";
import { CPS_VLO, everydayPurpose, ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const VICTIM_SUPPORT = "caseworker@victimsupport-northshire.example.org";
const WCU_LEAD = "wcu.lead@northshire-police.example.org";

const FEED = `subscription ($caseId: ID) { caseUpdates(caseId: $caseId) { caseId update { id type internalNote victimExplanation acknowledgements { organisationId } } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;

interface Feed {
  /** The payloads of the `next` events received so far. */
  payloads: any[];
  /** Everything the stream carried so far, byte for byte (as text). */
  raw(): string;
  /** The first payload that matches, waiting for it (fails after a few seconds). */
  waitFor(match: (payload: any) => boolean, what: string): Promise<any>;
  /** Resolves when the server ends the stream (`event: complete`) or the connection closes; fails after a few seconds. */
  ended(): Promise<void>;
  completed(): boolean;
  close(): void;
}

describe("live feed of case updates (subscription over SSE)", () => {
  let hub: TestHub;
  let caseId: string;
  let victimId: string;
  let otherCases: { victimSupport: string; southshire: string; isva: string };
  const feeds: Feed[] = [];
  let publish: MockInstance<InProcessCaseEvents["publish"]>;
  let subscribe: MockInstance<InProcessCaseEvents["subscribe"]>;

  const caseIdOf = async (policeUrn: string) => (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn } })).id;
  const userId = async (email: string) => (await hub.db.prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const orgOf = async (email: string) => (await hub.db.prisma.membership.findFirstOrThrow({ where: { user: { email } } })).organisationId;
  /** The hub's own bus, found through the spy (every feed subscribes to it). */
  const bus = () => subscribe.mock.contexts.at(-1) as InProcessCaseEvents;

  beforeAll(async () => {
    publish = vi.spyOn(InProcessCaseEvents.prototype, "publish");
    subscribe = vi.spyOn(InProcessCaseEvents.prototype, "subscribe");
    hub = await startTestHub();
    // The awaiting-trial sexual offence case: police, WCU, CPS and the ISVA (with consent).
    const found = await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } });
    caseId = found.id;
    victimId = found.victimId;
    // Victim Support joins the case, but the victim has given it no consent here.
    await hub.db.prisma.caseInvolvement.create({ data: { caseId, organisationId: await orgOf(VICTIM_SUPPORT), capacity: "VICTIM_SUPPORT" } });
    otherCases = {
      victimSupport: await caseIdOf("41NS0107725"), // Victim Support has consent there
      southshire: await caseIdOf("47SS0200125"),
      isva: await caseIdOf("41NS0113425"), // the ISVA has consent there
    };
  });
  afterEach(() => {
    for (const feed of feeds.splice(0)) feed.close();
  });
  afterAll(async () => {
    publish.mockRestore();
    subscribe.mockRestore();
    await hub?.close();
  });

  async function openFeed(as: string, variables: Record<string, unknown> = {}, purpose: string | null = everydayPurpose(as)): Promise<Feed> {
    const controller = new AbortController();
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: `Bearer ${await hub.tokenFor(as)}` };
    if (purpose) headers["X-Access-Purpose"] = purpose;
    const response = await fetch(`${hub.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: FEED, variables }), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const payloads: any[] = [];
    let raw = "";
    let complete = false;
    const listeners = new Set<() => void>();
    const changed = () => {
      for (const listener of [...listeners]) listener();
    };
    const reading = (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          raw += value;
          buffer += value;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const lines = buffer.slice(0, end).split("\n");
            buffer = buffer.slice(end + 2);
            if (lines.includes("event: complete")) complete = true;
            for (const line of lines) if (line.startsWith("data: ")) payloads.push(JSON.parse(line.slice("data: ".length)));
          }
          changed();
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      } finally {
        changed();
      }
    })();
    reading.catch(() => {});
    const feed: Feed = {
      payloads,
      raw: () => raw,
      ended: () =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the stream of ${as} did not end; received: ${JSON.stringify(payloads)}`)), 8000);
          reading.finally(() => clearTimeout(timer)).then(resolve, reject);
        }),
      completed: () => complete,
      close: () => controller.abort(),
      waitFor(match, what) {
        return new Promise((resolve, reject) => {
          const check = () => {
            const found = payloads.find(match);
            if (found) {
              stop();
              resolve(found);
            }
          };
          const timer = setTimeout(() => {
            stop();
            reject(new Error(`${as} never received ${what}; received: ${JSON.stringify(payloads)}; hub log: ${hub.logs.slice(-3).join("")}`));
          }, 8000);
          const stop = () => {
            clearTimeout(timer);
            listeners.delete(check);
          };
          listeners.add(check);
          reading.then(check, check);
          check();
        });
      },
    };
    feeds.push(feed);
    return feed;
  }

  let sequence = 0;
  /** Records an update as `as` and returns its id; explanations are unique so a leak is easy to spot. */
  async function record(as: string, onCase: string, type = "HEARING_LISTED") {
    sequence++;
    const victimExplanation = `Update ${sequence}: the trial will start on 3 March at Northtown Crown Court. Your witness care officer will call you.`;
    const internalNote = `Internal note ${sequence}: listed by the court office for a two-day trial.`;
    const res = await hub.gql(as, UPDATE, { input: { caseId: onCase, type, occurredAt: new Date(Date.now() - 3600_000).toISOString(), internalNote, victimExplanation } });
    expect(res.data?.recordCaseUpdate.__typename, JSON.stringify(res)).toBe("CaseUpdate");
    return { id: res.data!.recordCaseUpdate.id as string, victimExplanation, internalNote };
  }
  const about = (id: string) => (p: any) => p.data?.caseUpdates?.update.id === id;
  const consultations = (updateId: string) =>
    hub.db.prisma.auditEvent.findMany({ where: { action: "CONSULTATION", entityType: "CaseUpdate", entityId: updateId }, orderBy: { seq: "asc" } });

  it("delivers an update to every subscriber who may see it, and nothing to those who may not", async () => {
    const wcu = await openFeed(WCU, { caseId });
    const isva = await openFeed(ISVA); // every case the ISVA may see
    const victimSupport = await openFeed(VICTIM_SUPPORT); // on the case, no consent
    const southshire = await openFeed(SOUTHSHIRE_ISVA);

    const listed = await record(CPS_VLO, caseId);
    const seenByWcu = await wcu.waitFor(about(listed.id), "the hearing listed by the CPS");
    expect(seenByWcu.data.caseUpdates).toEqual({
      caseId,
      update: { id: listed.id, type: "HEARING_LISTED", internalNote: listed.internalNote, victimExplanation: listed.victimExplanation, acknowledgements: [] },
    });
    expect(seenByWcu.errors).toBeUndefined();
    expect((await isva.waitFor(about(listed.id), "the hearing listed by the CPS")).data.caseUpdates.caseId).toBe(caseId);

    // Barriers: each later update reaches its subscriber only after the earlier one was decided.
    const forVictimSupport = await record(VICTIM_SUPPORT, otherCases.victimSupport, "PROGRESS_NOTE");
    await victimSupport.waitFor(about(forVictimSupport.id), "its own progress note on a consented case");
    const forSouthshire = await record(SOUTHSHIRE_ISVA, otherCases.southshire, "PROGRESS_NOTE");
    await southshire.waitFor(about(forSouthshire.id), "its own progress note");

    for (const outsider of [victimSupport, southshire]) {
      expect(outsider.payloads.filter(about(listed.id))).toEqual([]);
      expect(outsider.raw()).not.toContain(listed.id);
      expect(outsider.raw()).not.toContain(listed.victimExplanation);
      expect(outsider.raw()).not.toContain(listed.internalNote);
      expect(outsider.raw()).not.toContain(caseId);
      expect(outsider.payloads.every((p) => p.errors === undefined)).toBe(true);
    }
    // A case-scoped feed carries that case only.
    expect(wcu.payloads.map((p) => p.data.caseUpdates.caseId)).toEqual([caseId]);

    // Each delivery is one consultation in the s.62 log, for the subscriber and the purpose they stated.
    const rows = await consultations(listed.id);
    expect(rows.map((r) => r.actorUserId).sort()).toEqual([await userId(WCU), await userId(ISVA)].sort());
    const wcuUser = await userId(WCU);
    expect(rows.find((r) => r.actorUserId === wcuUser)).toMatchObject({ organisationId: await orgOf(WCU), purpose: "KEEPING_VICTIM_INFORMED", caseId, victimId, fields: ["CaseUpdate.*"] });
    expect(rows.find((r) => r.actorUserId !== wcuUser)).toMatchObject({ organisationId: await orgOf(ISVA), purpose: "SUPPORT_AND_ADVOCACY", caseId, victimId, fields: ["CaseUpdate.*"] });
    expect(await consultations(forVictimSupport.id)).toHaveLength(1); // Victim Support's own delivery, and nobody else's
  });

  it("puts only identifiers on the bus", async () => {
    const calls = publish.mock.calls.length;
    const listed = await record(CPS_VLO, caseId);
    expect(publish.mock.calls.length).toBe(calls + 1);
    const [event] = publish.mock.calls.at(-1)!;
    expect(event).toEqual({ caseId, updateId: listed.id });
    expect(Object.keys(event).sort()).toEqual(["caseId", "updateId"]);
    expect(JSON.stringify(event)).not.toContain("trial");
  });

  it("applies a consent withdrawal to an open stream from the next event on", async () => {
    const isva = await openFeed(ISVA, { caseId });
    const everything = await openFeed(ISVA);
    const wcu = await openFeed(WCU, { caseId });
    const before = await record(CPS_VLO, caseId);
    await isva.waitFor(about(before.id), "the update before the withdrawal");
    await everything.waitFor(about(before.id), "the update before the withdrawal");

    const isvaOrg = await orgOf(ISVA);
    // She takes back her agreement that the ISVA service may see her case's progress.
    await makeConsent(hub.db.prisma, { victimId, capturedByUserId: await userId(ISVA), capturedByOrganisationId: isvaOrg, statements: [{ decision: "WITHDRAWN", category: "CASE_PROGRESS", to: { organisationId: isvaOrg } }] });

    const after = await record(CPS_VLO, caseId);
    await wcu.waitFor(about(after.id), "the update after the withdrawal"); // it was published and delivered to others
    const barrier = await record(ISVA, otherCases.isva, "PROGRESS_NOTE");
    await everything.waitFor(about(barrier.id), "its own note on another consented case");
    expect(everything.raw()).not.toContain(after.id);
    expect(everything.raw()).not.toContain(after.victimExplanation);
    // The case-scoped stream stays open (no hint that anything happened) and has carried nothing more.
    expect(isva.completed()).toBe(false);
    expect(isva.payloads.map((p) => p.data.caseUpdates.update.id)).toEqual([before.id]);
    expect(isva.raw()).not.toContain(after.id);
    const rows = await consultations(after.id);
    expect(rows.map((r) => r.actorUserId)).toEqual([await userId(WCU)]);
  });

  it("applies the policy as it stands when each event happens: a suspended agreement stops an open stream", async () => {
    const southshire = await openFeed(SOUTHSHIRE_ISVA);
    const author = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: SOUTHSHIRE_ISVA } });
    const note = async (text: string) => {
      const row = await hub.db.prisma.caseUpdate.create({
        data: { caseId: otherCases.southshire, type: "PROGRESS_NOTE", occurredAt: new Date(), victimExplanation: text, recordedByUserId: author.id, recordedByOrganisationId: await orgOf(SOUTHSHIRE_ISVA) },
      });
      bus().publish({ caseId: row.caseId, updateId: row.id });
      return row.id;
    };
    const shared = await note("Chloe called to talk through the next steps with you.");
    await southshire.waitFor(about(shared), "a note under its active agreement");
    await hub.db.prisma.dataSharingAgreement.update({ where: { reference: "SSH-ISA-2026" }, data: { status: "SUSPENDED" } });
    try {
      const unshared = await note("Chloe called again to check how you are doing this week.");
      // Nothing can be delivered after this point to act as a barrier, so a short grace period.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(southshire.raw()).not.toContain(unshared);
      expect(await consultations(unshared)).toEqual([]);
    } finally {
      await hub.db.prisma.dataSharingAgreement.update({ where: { reference: "SSH-ISA-2026" }, data: { status: "ACTIVE" } });
    }
  });

  it("refuses a feed on a case the subscriber may not see exactly like one that does not exist, and logs the attempt", async () => {
    const refused = await openFeed(SOUTHSHIRE_ISVA, { caseId });
    const missing = await openFeed(SOUTHSHIRE_ISVA, { caseId: "00000000-0000-4000-8000-000000000000" });
    await refused.ended();
    await missing.ended();
    for (const feed of [refused, missing]) {
      expect(feed.completed()).toBe(true);
      expect(feed.payloads).toHaveLength(1);
      expect(feed.payloads[0].data ?? null).toBeNull();
      expect(feed.payloads[0].errors.map((e: any) => [e.message, e.extensions.code])).toEqual([["No case was found with that reference.", "NOT_FOUND"]]);
    }
    const denied = await hub.db.prisma.auditEvent.findMany({ where: { action: "DENIED", actorUserId: await userId(SOUTHSHIRE_ISVA), entityType: "Case" } });
    expect(denied.map((d) => d.outcome).sort()).toEqual(["no-such-record", "not-permitted"]);
    const noPurpose = await openFeed(WCU, { caseId }, null);
    await noPurpose.ended();
    expect(noPurpose.payloads[0].errors[0].extensions).toEqual({ code: "BAD_INPUT", field: "purpose" });
  });

  it("ends the stream, delivering nothing, when the audit log cannot be written", async () => {
    const wcuOrg = await orgOf(WCU);
    // The log refuses the WCU's consultation entries (only those) until the trigger is dropped.
    await hub.db.sql.query(`CREATE FUNCTION test_refuse_wcu_consultations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'CONSULTATION' AND NEW."organisationId" = '${wcuOrg}'::uuid THEN RAISE EXCEPTION 'audit log unavailable (test)'; END IF;
        RETURN NEW;
      END $$`);
    await hub.db.sql.query(`CREATE TRIGGER test_refuse_wcu_consultations BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_wcu_consultations()`);
    try {
      const wcu = await openFeed(WCU, { caseId });
      const listed = await record(CPS_VLO, caseId);
      await wcu.ended();
      expect(wcu.completed()).toBe(true);
      expect(wcu.payloads).toHaveLength(1);
      expect(wcu.payloads[0].data ?? null).toBeNull();
      expect(wcu.payloads[0].errors.map((e: any) => e.extensions.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
      expect(wcu.raw()).not.toContain(listed.id);
      expect(wcu.raw()).not.toContain(listed.victimExplanation);
      expect(hub.logs.some((line) => line.includes("unexpected error in a GraphQL resolver"))).toBe(true);
    } finally {
      await hub.db.sql.query(`DROP TRIGGER test_refuse_wcu_consultations ON "AuditEvent"`);
      await hub.db.sql.query(`DROP FUNCTION test_refuse_wcu_consultations()`);
    }
  });

  it("ends the stream when the subscriber's account is deactivated, before delivering anything more", async () => {
    const lead = await openFeed(WCU_LEAD, { caseId });
    const first = await record(CPS_VLO, caseId);
    await lead.waitFor(about(first.id), "the first update");
    await hub.db.prisma.user.update({ where: { email: WCU_LEAD }, data: { active: false } });
    try {
      const second = await record(CPS_VLO, caseId);
      await lead.ended();
      expect(lead.completed()).toBe(true);
      expect(lead.payloads.map((p) => p.data.caseUpdates.update.id)).toEqual([first.id]);
      expect(lead.raw()).not.toContain(second.id);
      expect(await consultations(second.id)).toEqual([]);
    } finally {
      await hub.db.prisma.user.update({ where: { email: WCU_LEAD }, data: { active: true } });
    }
  });

  it("ends the stream when the subscriber's roles change", async () => {
    const lead = await openFeed(WCU_LEAD, { caseId });
    const membership = await hub.db.prisma.membership.findFirstOrThrow({ where: { user: { email: WCU_LEAD } } });
    await hub.db.prisma.membership.update({ where: { id: membership.id }, data: { roles: ["CASEWORKER"] } });
    try {
      const listed = await record(CPS_VLO, caseId);
      await lead.ended();
      expect(lead.completed()).toBe(true);
      expect(lead.raw()).not.toContain(listed.id);
    } finally {
      await hub.db.prisma.membership.update({ where: { id: membership.id }, data: { roles: membership.roles } });
    }
  });

  it("serves the feed over POST only: a GET (an EventSource's) would put the case id in the URL", async () => {
    const url = `${hub.url}/graphql?${new URLSearchParams({ query: FEED, variables: JSON.stringify({ caseId }) })}`;
    const headers = { Accept: "text/event-stream", Authorization: `Bearer ${await hub.tokenFor(WCU)}`, "X-Access-Purpose": "KEEPING_VICTIM_INFORMED" };
    for (const extra of [{}, { "GraphQL-Require-Preflight": "1" }] as Record<string, string>[]) {
      const refused = await fetch(url, { headers: { ...headers, ...extra } });
      expect(refused.status).toBe(405);
      expect(refused.headers.get("allow")).toBe("POST");
      await refused.body?.cancel();
    }
  });

  it("releases the bus subscription when the client goes away", async () => {
    await openFeed(WCU, { caseId });
    const baseline = bus().size;
    expect(baseline).toBeGreaterThanOrEqual(1);
    const feed = await openFeed(WCU);
    expect(bus().size).toBe(baseline + 1);
    feed.close();
    await expect.poll(() => bus().size, { timeout: 5000 }).toBe(baseline);
  });
});

describe("InProcessCaseEvents", () => {
  it("copies only the two identifiers onto the bus, whatever it is given", async () => {
    const events = new InProcessCaseEvents();
    const feed = events.subscribe();
    events.publish({ caseId: "c", updateId: "u", victimExplanation: "secret", internalNote: "secret" } as CaseEvent);
    const { value } = await feed.next();
    expect(value).toEqual({ caseId: "c", updateId: "u" });
    expect(Object.keys(value!).sort()).toEqual(["caseId", "updateId"]);
  });

  it("registers a subscriber when it subscribes, delivers in order, and forgets it on return()", async () => {
    const events = new InProcessCaseEvents();
    const feed = events.subscribe();
    expect(events.size).toBe(1);
    events.publish({ caseId: "c", updateId: "1" }); // before anyone reads
    events.publish({ caseId: "c", updateId: "2" });
    expect((await feed.next()).value).toEqual({ caseId: "c", updateId: "1" });
    expect((await feed.next()).value).toEqual({ caseId: "c", updateId: "2" });
    const third = feed.next(); // nothing queued: waits for the next publish
    events.publish({ caseId: "c", updateId: "3" });
    expect((await third).value).toEqual({ caseId: "c", updateId: "3" });
    const waiting = feed.next();
    await feed.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(events.size).toBe(0);
    events.publish({ caseId: "c", updateId: "4" });
    expect(await feed.next()).toEqual({ done: true, value: undefined });
  });

  it("ends a subscriber that falls too far behind instead of buffering for ever", async () => {
    const events = new InProcessCaseEvents(2);
    const slow = events.subscribe();
    for (const id of ["1", "2", "3"]) events.publish({ caseId: "c", updateId: id });
    expect(events.size).toBe(0);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
  });
});
