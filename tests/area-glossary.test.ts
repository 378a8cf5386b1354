// An area's own glossary over HTTP: its organisation admins keep it, every partner reads it,
// and it is merged over the default glossary wherever text for a victim in that area is
// checked (a case update's plain-language check, the free-standing check).
import { checkPlainLanguage } from "@hub/core";
import { DEMO_GLOSSARY_TERMS } from "@hub/db/seed";
import { makeUser } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";
const DIRECTORY_ADMIN = "directory@northshire-partnership.example.org";

const RESULT = `__typename ... on AreaGlossaryTerm { id term variants explanation replacesDefault addedByOrganisationId canEdit } ... on BadInputError { message field } ... on Error { message }`;
const GLOSSARY = `query ($areaId: ID!) { areaGlossary(areaId: $areaId) { __typename ... on AreaGlossary { area { code } canMaintain terms { term variants explanation canEdit } } ... on NotFoundError { message } } }`;
const ADD = `mutation ($input: AddAreaGlossaryTermInput!) { addAreaGlossaryTerm(input: $input) { ${RESULT} } }`;
const CHANGE = `mutation ($input: UpdateAreaGlossaryTermInput!) { updateAreaGlossaryTerm(input: $input) { ${RESULT} } }`;
const REMOVE = `mutation ($id: ID!) { removeAreaGlossaryTerm(id: $id) { ${RESULT} } }`;
const CHECK = `query ($text: String!, $areaId: ID) { checkPlainLanguage(text: $text, areaId: $areaId) { findings { kind text explanation } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id plainLanguage { findings { kind text explanation } } } ... on Error { message } } }`;
const TIMELINE = `query ($id: ID!) { case(id: $id) { ... on Case { timeline { id plainLanguage { findings { kind text explanation } } } } } }`;

const SECTION_28 = {
  term: "Section 28",
  variants: ["s28", "section 28 hearing"],
  explanation: "Your answers to the lawyers' questions are filmed before the trial, so you do not have to go to court on the day.",
};
const WORDS = "Your Section 28 date is 3 March. Your witness care officer will call you before then.";

type Finding = { kind: string; text: string; explanation: string | null };
const legalTerms = (report: { findings: Finding[] }) => report.findings.filter((f) => f.kind === "LEGAL_TERM").map((f) => [f.text, f.explanation]);

describe("an area's own glossary", () => {
  let hub: TestHub;
  let northshire: string;
  let southshire: string;
  let northCaseId: string;
  let southCaseId: string;
  let southshireAdmin: string;
  let section28Id: string;
  let northUpdateId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    northshire = (await p.area.findUniqueOrThrow({ where: { code: "NSH" } })).id;
    southshire = (await p.area.findUniqueOrThrow({ where: { code: "SSH" } })).id;
    northCaseId = (await p.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    southCaseId = (await p.case.findFirstOrThrow({ where: { policeUrn: "47SS0200125" } })).id;
    const southshireIsva = await p.organisation.findUniqueOrThrow({ where: { name: "Southshire ISVA Service" } });
    southshireAdmin = (await makeUser(p, southshireIsva.id, ["ORGANISATION_ADMIN", "ADVOCATE"])).email;
  });
  afterAll(async () => {
    await hub.close();
  });

  // Glossary work states no purpose: the words are not personal data.
  const asKeeper = (who: string, query: string, variables: Record<string, unknown>) => hub.gql(who, query, variables, null);
  const add = (who: string, input: Record<string, unknown>) => asKeeper(who, ADD, { input: { areaId: northshire, ...input } }).then((r) => r.data!.addAreaGlossaryTerm);
  const change = (who: string, input: Record<string, unknown>) => asKeeper(who, CHANGE, { input }).then((r) => r.data!.updateAreaGlossaryTerm);
  const remove = (who: string, id: string) => asKeeper(who, REMOVE, { id }).then((r) => r.data!.removeAreaGlossaryTerm);
  const caseUpdate = (who: string, caseId: string, type: string) =>
    hub.gql(who, UPDATE, { input: { caseId, type, occurredAt: new Date(Date.now() - 3600_000).toISOString(), victimExplanation: WORDS } }).then((r) => r.data!.recordCaseUpdate);
  const timelineFindings = async (updateId: string) => {
    const timeline = (await hub.gql(WCU, TIMELINE, { id: northCaseId })).data!.case.timeline as { id: string; plainLanguage: { findings: Finding[] } }[];
    return legalTerms(timeline.find((u) => u.id === updateId)!.plainLanguage);
  };

  it("lets every signed-in partner read an area's glossary, with no stated purpose; the demo's terms pass the hub's own check", async () => {
    const read = await hub.gql(SOUTHSHIRE_ISVA, GLOSSARY, { areaId: northshire }, null);
    expect(read.data!.areaGlossary).toMatchObject({ __typename: "AreaGlossary", area: { code: "NSH" }, canMaintain: false });
    expect(read.data!.areaGlossary.terms.map((t: { term: string }) => t.term)).toEqual(["ABE interview", "ground rules hearing", "SARC"]);
    expect(read.data!.areaGlossary.terms.every((t: { canEdit: boolean }) => !t.canEdit)).toBe(true);
    expect((await hub.gql(ISVA_LEAD, GLOSSARY, { areaId: northshire }, null)).data!.areaGlossary.canMaintain).toBe(true);
    expect((await hub.gql(WCU, GLOSSARY, { areaId: "00000000-0000-4000-8000-000000000000" }, null)).data!.areaGlossary.__typename).toBe("NotFoundError");
    expect((await hub.gql(null, GLOSSARY, { areaId: northshire }, null)).status).toBe(401);
    for (const term of DEMO_GLOSSARY_TERMS) {
      const report = checkPlainLanguage(term.explanation, { extraGlossary: DEMO_GLOSSARY_TERMS });
      expect(report.findings.filter((f) => f.kind !== "LONG_SENTENCE"), term.term).toEqual([]);
    }
  });

  it("uses a term a Northshire admin adds on Northshire's cases only", async () => {
    const added = await add(ISVA_LEAD, SECTION_28);
    expect(added).toMatchObject({ __typename: "AreaGlossaryTerm", ...SECTION_28, replacesDefault: false, canEdit: true });
    section28Id = added.id;
    const row = await hub.db.prisma.areaGlossaryTerm.findUniqueOrThrow({ where: { id: section28Id }, include: { area: true } });
    const lead = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA_LEAD }, include: { memberships: true } });
    expect(row).toMatchObject({ addedByUserId: lead.id, addedByOrganisationId: lead.memberships[0]!.organisationId, area: { code: "NSH" } });

    const north = await caseUpdate(WCU, northCaseId, "PROGRESS_NOTE");
    expect(north.__typename).toBe("CaseUpdate");
    northUpdateId = north.id;
    expect(legalTerms(north.plainLanguage)).toEqual([["Section 28", SECTION_28.explanation]]);

    const south = await caseUpdate(SOUTHSHIRE_ISVA, southCaseId, "PROGRESS_NOTE");
    expect(south.__typename).toBe("CaseUpdate");
    expect(legalTerms(south.plainLanguage)).toEqual([]);

    // The free-standing check: the caller's own area by default, or the one named.
    expect(legalTerms((await hub.gql(WCU, CHECK, { text: WORDS })).data!.checkPlainLanguage)).toEqual([["Section 28", SECTION_28.explanation]]);
    expect(legalTerms((await hub.gql(WCU, CHECK, { text: WORDS, areaId: southshire })).data!.checkPlainLanguage)).toEqual([]);
    expect(legalTerms((await hub.gql(SOUTHSHIRE_ISVA, CHECK, { text: WORDS })).data!.checkPlainLanguage)).toEqual([]);
    expect(legalTerms((await hub.gql(SOUTHSHIRE_ISVA, CHECK, { text: "We filmed it as s28.", areaId: northshire })).data!.checkPlainLanguage)).toEqual([["s28", SECTION_28.explanation]]);
  });

  it("keeps each area's glossary to the organisation admins serving it", async () => {
    const caseworker = await add(WCU, { term: "Witness Service", explanation: "Volunteers who can show you round the court before the day." });
    expect(caseworker).toMatchObject({ __typename: "BadInputError", field: "areaId" });
    expect(caseworker.message).toBe("Only the organisation admins of an organisation serving Northshire can change its glossary. Nothing was saved.");
    expect((await add(southshireAdmin, { term: "Witness Service", explanation: "Volunteers who can show you round the court before the day." })).__typename).toBe("BadInputError");

    // Another area's term is not found, exactly like a term that does not exist.
    for (const who of [southshireAdmin, WCU, ISVA]) {
      expect(await change(who, { id: section28Id, explanation: "Something else." }), who).toMatchObject({ __typename: "NotFoundError" });
      expect(await remove(who, section28Id), who).toMatchObject({ __typename: "NotFoundError" });
    }
    expect(await change(WCU_LEAD, { id: "00000000-0000-4000-8000-000000000000", explanation: "x" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await remove(WCU_LEAD, "not-an-id")).toMatchObject({ __typename: "NotFoundError" });
    expect(await hub.db.prisma.areaGlossaryTerm.findUniqueOrThrow({ where: { id: section28Id } })).toMatchObject({ explanation: SECTION_28.explanation });

    // Any admin serving the area keeps it, whoever added the term: the partnership body's too.
    const byOther = await change(DIRECTORY_ADMIN, { id: section28Id, variants: ["s28"] });
    expect(byOther).toMatchObject({ __typename: "AreaGlossaryTerm", variants: ["s28"] });
    // The Southshire admin keeps Southshire's.
    const own = await asKeeper(southshireAdmin, ADD, { input: { areaId: southshire, term: "Witness Service", explanation: "Volunteers who can show you round the court before the day." } });
    expect(own.data!.addAreaGlossaryTerm.__typename).toBe("AreaGlossaryTerm");
    expect((await remove(southshireAdmin, own.data!.addAreaGlossaryTerm.id)).__typename).toBe("AreaGlossaryTerm");
  });

  it("refuses a term the area already has, whatever its case, and says which", async () => {
    const again = await add(WCU_LEAD, { term: "  section   28 ", explanation: "Filmed questions before the trial." });
    expect(again).toEqual({ __typename: "BadInputError", field: "term", message: "Northshire's glossary already has “Section 28”. Change that entry instead. Nothing was saved." });
    const asSpelling = await add(WCU_LEAD, { term: "Video interview", variants: ["abe"], explanation: "An interview that is filmed." });
    expect(asSpelling).toEqual({
      __typename: "BadInputError",
      field: "variants.0",
      message: "Northshire's glossary already has “abe”, as another spelling of “ABE interview”. Change that entry instead. Nothing was saved.",
    });
    const renamed = await change(WCU_LEAD, { id: section28Id, term: "SARC" });
    expect(renamed).toMatchObject({ __typename: "BadInputError", field: "term" });

    // Two admins adding the same term at once: the database's unique index lets one in.
    const input = { term: "Witness Service", explanation: "Volunteers who can show you round the court before the day." };
    const both = await Promise.all([add(WCU_LEAD, input), add(ISVA_LEAD, { ...input, term: "witness service" })]);
    expect(both.map((r) => r.__typename).sort()).toEqual(["AreaGlossaryTerm", "BadInputError"]);
    expect(both.find((r) => r.__typename === "BadInputError")).toMatchObject({ field: "term" });
    expect(await hub.db.prisma.areaGlossaryTerm.count({ where: { areaId: northshire, term: { equals: "witness service", mode: "insensitive" } } })).toBe(1);
  });

  it("lets an area re-explain a default term, keeping the default's other spellings and everyday phrases", async () => {
    const explanation = "In Northshire, being charged means the police have formally accused the person, and the case will go to court.";
    const charge = await add(WCU_LEAD, { term: "Charge", explanation: "The police have formally accused the person, and the case will go to court." });
    expect(charge).toMatchObject({ __typename: "AreaGlossaryTerm", replacesDefault: true });
    expect((await change(WCU_LEAD, { id: charge.id, explanation })).__typename).toBe("AreaGlossaryTerm");
    const text = "He was charged last week. Parking at court is free of charge.";
    expect(legalTerms((await hub.gql(WCU, CHECK, { text })).data!.checkPlainLanguage)).toEqual([["charged", explanation]]);
    expect(legalTerms((await hub.gql(SOUTHSHIRE_ISVA, CHECK, { text })).data!.checkPlainLanguage)).toEqual([["charged", expect.not.stringContaining("Northshire")]]);
    expect((await remove(WCU_LEAD, charge.id)).__typename).toBe("AreaGlossaryTerm");
  });

  it("refuses an explanation that is not plain itself", async () => {
    const jargon = await add(WCU_LEAD, { term: "Section 41 application", explanation: "The prosecution asks the Crown Court to stop the defendant's lawyers asking about your sexual history." });
    expect(jargon).toEqual({
      __typename: "BadInputError",
      field: "explanation",
      message: "The explanation must be plain words a victim knows, but it uses “prosecution”, “Crown Court”, “defendant”, which are legal terms too. Say it another way. Nothing was saved.",
    });
    const itself = await add(WCU_LEAD, { term: "Section 41 application", explanation: "A Section 41 application is made before the trial." });
    expect(itself).toMatchObject({ __typename: "BadInputError", field: "explanation", message: expect.stringContaining("“Section 41 application”") });
    const blaming = await add(WCU_LEAD, { term: "Section 41 application", explanation: "A request made because you failed to report it straight away." });
    expect(blaming).toMatchObject({ __typename: "BadInputError", field: "explanation", message: expect.stringContaining("blaming") });
    const empty = await add(WCU_LEAD, { term: "Section 41 application", explanation: "   " });
    expect(empty).toMatchObject({ __typename: "BadInputError", field: "explanation" });
    const noWord = await add(WCU_LEAD, { term: "--", explanation: "Nothing." });
    expect(noWord).toMatchObject({ __typename: "BadInputError", field: "term" });
    const changed = await change(WCU_LEAD, { id: section28Id, explanation: "The defendant is questioned by the prosecutor." });
    expect(changed).toMatchObject({ __typename: "BadInputError", field: "explanation" });
    expect(await hub.db.prisma.areaGlossaryTerm.count({ where: { term: { startsWith: "Section 41" } } })).toBe(0);
  });

  it("changes and removes the finding with the term", async () => {
    const plainer = "The questions you are asked are filmed before the trial, so you need not go to court on the day.";
    expect(await change(WCU_LEAD, { id: section28Id, explanation: plainer })).toMatchObject({ __typename: "AreaGlossaryTerm", explanation: plainer });
    expect(await timelineFindings(northUpdateId)).toEqual([["Section 28", plainer]]);

    const removed = await remove(ISVA_LEAD, section28Id);
    expect(removed).toMatchObject({ __typename: "AreaGlossaryTerm", id: section28Id, term: "Section 28" });
    expect(await timelineFindings(northUpdateId)).toEqual([]);
    expect(legalTerms((await hub.gql(WCU, CHECK, { text: WORDS })).data!.checkPlainLanguage)).toEqual([]);
    expect(await remove(ISVA_LEAD, section28Id)).toMatchObject({ __typename: "NotFoundError" });
  });
});
