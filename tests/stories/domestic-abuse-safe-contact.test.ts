// STORY 2: Sara's domestic abuse case, and the rules that keep her safe when she is contacted.
//
// Femi, who runs the Northshire partnership, makes DC Mark Lewis a casework lead for
// Northshire Police, so he can bring agencies onto his cases. Sara Ahmed reports her partner's
// abuse; Mark opens the case. Sara wants Safe Steps' IDVA to support her and Victim Support to
// help with the practical side, but she does not want Victim Support to have her new address.
// Mark records exactly that, then adds Safe Steps (naming Jo Evans as her IDVA) and Victim
// Support to the case on her consent.
//
// Jo agrees with Sara how it is safe to reach her: by phone or text only, never by letter and
// nothing to her home, no voicemail, weekdays between 10:00 and 14:00, with a codeword, and Jo
// as her contact, every week. When Mark records a call at 8 in the evening with no reason the
// hub refuses it and says why; a letter is refused with both rules it breaks at once, and so is
// a voicemail. But when Sara herself rang Mark at 8 in the evening, the ledger records what
// really happened: the call goes in, flagged as outside her agreement because she contacted
// him, and Jo, her named contact, is told. "Not attempted: it was not safe" can always be
// recorded; his call on a weekday at 11:00 goes in the ledger. Victim Support sees how her case
// is going but not her address, not her safety rules and not the codeword; when Sam records
// posting her a leaflet the hub refuses without giving her rules away, and tells him to speak
// to her named contact. A week on without news, the hub asks Jo to get in touch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastLondon, PEOPLE, startStory, type Story, WEEKDAYS } from "./story-helpers.js";

const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on OpenedCase { case { id } } ... on Error { message } } }`;
const ROLES = `mutation ($u: ID!, $o: ID!, $roles: [Role!]!) { setMembershipRoles(userId: $u, organisationId: $o, roles: $roles) { __typename ... on Membership { roles } ... on Error { message } } }`;
const CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Consent { id selfRecorded } ... on Error { message } } }`;
const ADD = `mutation ($input: AddCaseInvolvementInput!) { addCaseInvolvement(input: $input) { __typename ... on InvolvementChange { involvementId } ... on Error { message } } }`;
const AGREEMENT = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on VictimContactContract { version } ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id outsideAgreement outsideAgreementReason breachedRules } ... on ContactAgreementBreachError { message breaches { rule } } ... on BadInputError { message field } ... on Error { message } } }`;
const NOTIFICATIONS = `{ viewer { notifications(first: 50) { edges { node { kind caseId message } } } } }`;
const MESSAGE = `query ($id: ID!) { case(id: $id) { ... on Case { agreedMessage { sentences { part sourceKind sourceId text } heldBack { sourceId } } } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { __typename ... on Case {
  involvements { capacity basis consentId organisation { name } namedContact { name } }
  victim { identity { fullName } contactDetails { address phone } }
  contactContract { codeword safeFrom safeUntil refusedChannels }
  contacts { organisationId channel outcome outsideAgreement outsideAgreementReason }
  keepInTouchTasks { organisationId assignedToUserId status }
} ... on NotFoundError { message } } }`;

describe("story: a domestic abuse case with a safe-contact agreement", () => {
  let story: Story;
  let caseId = "";
  let safeSteps = "";
  let victimSupport = "";
  const contact = (person: Parameters<Story["as"]>[0], input: Record<string, unknown>) => story.as(person, CONTACT, { input: { caseId, summary: "Checked in with Sara about the bail conditions.", ...input } }).then((d) => d.recordContact);
  const read = async (person: Parameters<Story["as"]>[0]) => (await story.as(person, CASE, { id: caseId })).case;

  beforeAll(async () => {
    story = await startStory();
    safeSteps = await story.ids.organisation("Safe Steps Northshire");
    victimSupport = await story.ids.organisation("Victim Support Northshire");
  });
  afterAll(async () => {
    await story?.close();
  });

  it("1. Femi makes DC Mark Lewis a casework lead for Northshire Police", async () => {
    const police = await story.ids.organisation("Northshire Police");
    const mark = await story.ids.person(PEOPLE.mark);
    expect((await story.as("femi", ROLES, { u: mark, o: police, roles: ["CASEWORKER", "CASEWORK_LEAD"] })).setMembershipRoles.roles).toEqual(["CASEWORKER", "CASEWORK_LEAD"]);
  });

  it("2. Mark opens Sara's case and records what she agreed: the IDVA service may know everything, Victim Support not her address", async () => {
    const input = { policeUrn: "41NS0460126", offenceCategory: "DOMESTIC_ABUSE", areaId: await story.ids.area("NSH"), victim: { fullName: "Sara Ahmed", phone: "07700 900462", address: "Flat 9, 2 Quay Street, Northtown", postcode: "LS9 8AX" } };
    caseId = (await story.as("mark", OPEN, { input })).openCase.case.id;
    const everything = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES"].flatMap((category) =>
      ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED"].map((purpose) => ({ category, purpose, recipientOrganisationId: safeSteps })),
    );
    const practical = ["CASE_PROGRESS", "IDENTITY"].map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: victimSupport }));
    const police = [{ category: "CONTACT_DETAILS", purpose: "LAW_ENFORCEMENT", recipientKind: "POLICE" }];
    const consent = (
      await story.as("mark", CONSENT, {
        input: {
          caseId,
          givenBy: "VICTIM",
          evidence: "Consent form DA-0461, signed at the station",
          // Part of it is for the police themselves (how to reach her): Mark says how and when she told him.
          saidHow: "SIGNED_FORM",
          saidAt: new Date().toISOString(),
          explicit: false,
          scopes: [...everything, ...practical, ...police],
          withholdings: [{ category: "CONTACT_DETAILS", fromOrganisationId: victimSupport, reason: "She has just moved and wants as few people as possible to know where." }],
        },
      })
    ).recordConsent;
    expect(consent).toMatchObject({ __typename: "Consent", selfRecorded: true });
    const jo = await story.ids.person(PEOPLE.jo);
    expect((await story.as("mark", ADD, { input: { caseId, organisationId: safeSteps, consentId: consent.id, namedContactUserId: jo } })).addCaseInvolvement.__typename).toBe("InvolvementChange");
    expect((await story.as("mark", ADD, { input: { caseId, organisationId: victimSupport, consentId: consent.id } })).addCaseInvolvement.__typename).toBe("InvolvementChange");
    const seen = await read("jo");
    expect(seen.involvements).toContainEqual(expect.objectContaining({ capacity: "IDVA_SUPPORT", basis: "CONSENT", consentId: consent.id, namedContact: { name: "Jo Evans" } }));
  });

  it("3. Jo agrees with Sara how it is safe to reach her", async () => {
    const jo = await story.ids.person(PEOPLE.jo);
    const agreed = await story.as("jo", AGREEMENT, {
      input: {
        caseId,
        channels: ["PHONE", "SMS"],
        refusedChannels: ["LETTER", "EMAIL"],
        safeDays: [1, 2, 3, 4, 5],
        safeFrom: "10:00",
        safeUntil: "14:00",
        noVoicemail: true,
        noLettersToHome: true,
        codeword: "bluebell",
        updateFrequency: "EVERY_WEEK",
        namedContactUserId: jo,
      },
    });
    expect(agreed.setContactContract.__typename).toBe("VictimContactContract");
    expect((await read("jo")).contactContract).toMatchObject({ codeword: "bluebell", safeFrom: "10:00", safeUntil: "14:00" });
  });

  it("4. The hub refuses Mark's contacts that break her agreement with no reason, every rule at once, and records the call she made to him", async () => {
    const evening = lastLondon((day, time) => WEEKDAYS.includes(day) && time === "20:00");
    const late = lastLondon((day, time) => WEEKDAYS.includes(day) && time === "11:00");
    expect(await contact("mark", { at: evening, channel: "PHONE", outcome: "REACHED" })).toMatchObject({
      __typename: "ContactAgreementBreachError",
      message: expect.stringMatching(/only safe to contact her between 10:00 and 14:00/),
      breaches: [{ rule: "SAFE_HOURS" }],
    });
    const letter = await contact("mark", { at: late, channel: "LETTER", outcome: "SENT" });
    expect(letter).toMatchObject({ __typename: "ContactAgreementBreachError", breaches: [{ rule: "REFUSED_CHANNEL" }, { rule: "NO_LETTERS_TO_HOME" }] });
    expect(letter.message).toMatch(/asked not to be contacted by letter.*no letters to be sent to her home/);
    expect(await contact("mark", { at: late, channel: "PHONE", outcome: "MESSAGE_LEFT" })).toMatchObject({ __typename: "ContactAgreementBreachError", message: expect.stringMatching(/no voicemail/) });
    // Sara rang Mark herself in the evening: it happened, so the ledger records it, flagged.
    const sheRang = await contact("mark", { at: evening, channel: "PHONE", outcome: "REACHED", summary: "Sara rang me about the bail conditions.", outsideAgreementReason: "SHE_CONTACTED_US" });
    expect(sheRang).toMatchObject({ __typename: "ContactRecord", outsideAgreement: true, outsideAgreementReason: "SHE_CONTACTED_US", breachedRules: ["SAFE_HOURS"] });
    expect((await contact("mark", { at: evening, channel: "PHONE", outcome: "NOT_ATTEMPTED_UNSAFE", summary: "Did not call: she said he was home." })).__typename).toBe("ContactRecord");
    expect((await contact("mark", { at: late, channel: "PHONE", outcome: "REACHED", summary: "Called at the agreed time; she used the codeword." })).__typename).toBe("ContactRecord");
    expect((await read("mark")).contacts.map((c: any) => `${c.outcome}${c.outsideAgreement ? ` outside: ${c.outsideAgreementReason}` : ""}`).sort()).toEqual([
      "NOT_ATTEMPTED_UNSAFE",
      "REACHED",
      "REACHED outside: SHE_CONTACTED_US",
    ]);
    // Jo, her named contact, is told; Victim Support, outside her contact circle, is not.
    await story.runJobs();
    expect((await story.as("jo", NOTIFICATIONS)).viewer.notifications.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ kind: "CONTACT_OUTSIDE_AGREEMENT", caseId, message: expect.stringMatching(/^Northshire Police was in contact with the victim on case 41NS0460126 in a way her contact agreement does not cover \(she got in touch with them\)/) }),
    );
    expect((await story.as("sam", NOTIFICATIONS)).viewer.notifications.edges.map((e: any) => e.node.kind)).not.toContain("CONTACT_OUTSIDE_AGREEMENT");
  });

  it("5. Victim Support sees her case but not her address, her rules or the codeword, and is pointed to her named contact", async () => {
    const seen = await read("sam");
    expect(seen.victim.identity).toEqual({ fullName: "Sara Ahmed" });
    expect(seen.victim.contactDetails).toBeNull();
    expect(seen.contactContract).toBeNull();
    const letter = await contact("sam", { at: lastLondon((day, time) => WEEKDAYS.includes(day) && time === "12:00"), channel: "LETTER", outcome: "SENT", summary: "Posted our leaflet." });
    expect(letter).toMatchObject({ __typename: "ContactAgreementBreachError", message: expect.stringMatching(/speak to her named contact/), breaches: [{ rule: "CONTACT_AGREEMENT" }] });
    expect(letter.message).not.toMatch(/letter|10:00|bluebell/);
    expect(JSON.stringify(seen)).not.toMatch(/Quay Street|07700 900462|bluebell/);
  });

  it("6. A week without news: the hub asks Jo, her named contact, to get in touch, once however often it looks", async () => {
    const later = new Date(Date.now() + 9 * 86_400_000);
    await story.runJobs(later);
    await story.runJobs(later);
    const jo = await story.ids.person(PEOPLE.jo);
    expect((await read("jo")).keepInTouchTasks).toEqual([expect.objectContaining({ organisationId: safeSteps, assignedToUserId: jo, status: "OPEN" })]);
    // Every agency tells her the same: the case as reported, and Jo, whom she chose, as her contact.
    const message = (await story.as("sam", MESSAGE, { id: caseId })).case.agreedMessage;
    expect(message).toEqual((await story.as("mark", MESSAGE, { id: caseId })).case.agreedMessage);
    expect(message.sentences).toEqual([
      { part: "WHERE_THINGS_STAND", sourceKind: "STAGE", sourceId: "REPORTED", text: "You have told the police what happened." },
      { part: "WHAT_HAPPENS_NEXT", sourceKind: "STAGE", sourceId: "REPORTED", text: "The police will look into what you told them and will let you know what happens next." },
      { part: "NAMED_CONTACT", sourceKind: "CONTACT", sourceId: jo, text: "Your named contact is Jo Evans at Safe Steps Northshire." },
    ]);
  });
});
