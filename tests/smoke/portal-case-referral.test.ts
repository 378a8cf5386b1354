// The case page in a real browser against the real hub (embedded mode): the agreed message
// tells her where a referral she agreed may be told stands and how long she has to ask for a
// review; her review window reads "open until" or "closed on", never overdue; a calm notice
// offers to reassess her Enhanced Rights when her needs change; a Witness Care Unit officer
// makes a referral (her details refused at the field without her consent), the organisation
// referred to accepts it, and the agreed message says so; and the printed summary leaves out
// the navigation and the forms.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, openFromNav, screenshot, signIn, withStoppedHub } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";
import type { Browser } from "playwright-core";

const AMIRA = "isva@northshire-rapecrisis.example.org";
const URN = "41NS0102325";
const DAY = 86_400_000;
const onDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

describe("the case page's agreed message, Enhanced Rights, deadlines and referrals in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;
  const openUntil = new Date(Date.now() + 6 * DAY);
  const closedOn = new Date(Date.now() - 20 * DAY);

  const gql = (email: string, query: string, variables: Record<string, unknown>) => hubGql(hub, email, query, variables);

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    // The ISVA agrees with her how she wants to be contacted and assesses her Enhanced Rights;
    // then her needs change (she now needs an interpreter), which raises an offer to reassess.
    const found = await gql(AMIRA, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN });
    const caseId = found.data.casesByReference[0].id as string;
    const contract = `mutation($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on VictimContactContract { version } ... on Error { message } } }`;
    const first = await gql(AMIRA, contract, { input: { caseId, channels: ["PHONE"], refusedChannels: ["LETTER"], updateFrequency: "EVERY_2_WEEKS", noVoicemail: true } });
    expect(first.data?.setContactContract.__typename).toBe("VictimContactContract");
    // Her needs are hers to share: she tells Amira in person that Rape Crisis may know them.
    const isva = await gql(AMIRA, "{ viewer { organisation { id } } }", {});
    const needs = await gql(AMIRA, `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Error { message } } }`, {
      input: {
        caseId,
        givenBy: "VICTIM",
        evidence: "ISVA session notes",
        saidHow: "IN_PERSON",
        saidAt: new Date(Date.now() - 3_600_000).toISOString(),
        explicit: true,
        scopes: [{ category: "NEEDS_AND_VULNERABILITIES", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: isva.data.viewer.organisation.id }],
      },
    });
    expect(needs.data?.recordConsent.__typename).toBe("Consent");
    const assessed = await gql(
      AMIRA,
      `mutation($caseId: ID!) { assessEnhancedRights(caseId: $caseId, grounds: [MOST_SERIOUS_CRIME], serviceTier: ENHANCED) { __typename ... on Error { message } } }`,
      { caseId },
    );
    expect(assessed.data?.assessEnhancedRights).toEqual({ __typename: "EnhancedRightsAssessment" });
    const changed = await gql(AMIRA, contract, {
      input: { caseId, expectedVersion: first.data.setContactContract.version, channels: ["PHONE"], refusedChannels: ["LETTER"], updateFrequency: "EVERY_2_WEEKS", noVoicemail: true, interpreterNeeded: true, language: "Polish" },
    });
    expect(changed.data?.setContactContract.__typename).toBe("VictimContactContract");

    // Her own windows to ask for a review of a decision, written while the hub is stopped:
    // one still open, one that ran out. Nobody owes them.
    await withStoppedHub(hub, async (db) => {
      const window = (dueAt: Date) => ({ caseId, duty: "VRR_REQUEST_WINDOW", owedByKind: null, enhanced: true, startedAt: new Date(dueAt.getTime() - 14 * DAY), dueAt });
      await db.prisma.statutoryClock.createMany({ data: [window(openUntil), window(closedOn)] });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  async function openCase(name: string): Promise<Page> {
    const page = await signIn(browser, hub, name);
    await page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    return page;
  }

  it("a Witness Care Unit officer sees the reassessment offer and her review windows, and makes a referral", async () => {
    const page = await openCase("Priya Shah");
    const message = page.getByRole("region", { name: "What every agency tells her" });
    const rights = page.getByRole("region", { name: "Enhanced Rights and service tier" });
    const deadlines = page.getByRole("region", { name: /Victims' Code deadlines/ });

    // Her Enhanced Rights, and the hub's own words for why to offer her a reassessment.
    await expect(rights.getByText("She has Enhanced Rights: victim of the most serious crime. Service tier: enhanced.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(rights.getByRole("heading", { name: "Offer her a reassessment" }).isVisible()).resolves.toBe(true);
    await expect(rights.getByText(`Her needs changed on ${onDay(new Date())}: offer to reassess her Enhanced Rights and service tier.`).isVisible()).resolves.toBe(true);

    // Her review windows: open until, closed on; never overdue.
    const open = deadlines.getByRole("listitem").filter({ hasText: `Her window to ask for a review of the decision: open until ${onDay(openUntil)}` });
    const closed = deadlines.getByRole("listitem").filter({ hasText: `Her window to ask for a review of the decision: closed on ${onDay(closedOn)}` });
    await expect(open.count()).resolves.toBe(1);
    await expect(closed.count()).resolves.toBe(1);
    await expect(open.getByText("Overdue").count()).resolves.toBe(0);
    await expect(closed.getByText("Overdue").count()).resolves.toBe(0);
    // ...and the agreed message tells her how long she has.
    await expect(message.getByRole("heading", { name: "Her right to ask for a review" }).isVisible()).resolves.toBe(true);
    await expect(message.getByText(`Please ask by ${onDay(openUntil)}`, { exact: false }).isVisible()).resolves.toBe(true);
    expect(await page.title()).toBe("Case – Victims' Partnership Hub");
    await checkPage(page, "case-reassessment-and-review-window");

    // A referral to Victim Support Northshire, with her identity: she has not agreed to that.
    const form = page.getByRole("region", { name: "Make a referral" });
    await form.getByLabel("Organisation", { exact: true }).selectOption({ label: "Victim Support Northshire" });
    await form.getByLabel("Why are you referring her?").fill("She would like emotional support while she waits for the trial.");
    await form.getByLabel("How urgent is it?").selectOption({ label: "Urgent" });
    await form.getByLabel("Who she is (name, date of birth)").check();
    await expect(form.getByLabel("She said yes").isChecked()).resolves.toBe(false);
    await form.getByLabel("She said yes").check();
    await form.getByRole("button", { name: "Send the referral" }).click();
    const shares = form.getByRole("group", { name: "What information goes with the referral?" });
    await shares.getByText("The victim has not agreed that identity may go to Victim Support Northshire", { exact: false }).waitFor();
    await expect(form.getByRole("alert").filter({ hasText: "There is a problem" }).isVisible()).resolves.toBe(true);
    await checkPage(page, "case-referral-refused");

    // Without her details, it goes.
    await form.getByLabel("Who she is (name, date of birth)").uncheck();
    await form.getByRole("button", { name: "Send the referral" }).click();
    await form.getByText("Referral sent to Victim Support Northshire. It is in the referrals list above: new request.").waitFor();
    const referrals = page.getByRole("region", { name: "Referrals", exact: true });
    const sent = referrals.getByRole("listitem").filter({ hasText: "To Victim Support Northshire (urgent)" });
    await expect(sent.getByText("New request").isVisible()).resolves.toBe(true);
    await expect(sent.getByText("No information about her was shared.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(sent.getByText("She agreed that where it stands may be told in the agreed message.", { exact: false }).isVisible()).resolves.toBe(true);
    await message.getByText("We have asked Victim Support Northshire to contact you about support.").waitFor();
    await checkPage(page, "case-referral-sent");
    await page.context().close();
  });

  it("the organisation referred to accepts it in its referrals inbox", async () => {
    const page = await signIn(browser, hub, "Sam Okafor");
    await openFromNav(page, "Referrals inbox", "Referrals inbox");
    await page.getByRole("button", { name: "Accept the referral from Northshire Police Witness Care Unit" }).click();
    await page.getByText("Referral accepted.").waitFor();
    await page.context().close();
  });

  it("back on the case, the agreed message says the referral was accepted; the printed summary has no navigation or forms", async () => {
    const page = await openCase("Priya Shah");
    const message = page.getByRole("region", { name: "What every agency tells her" });
    await message.getByText("Victim Support Northshire has accepted the referral and will be in touch with you.").waitFor();
    const referrals = page.getByRole("region", { name: "Referrals", exact: true });
    await expect(referrals.getByRole("listitem").filter({ hasText: "To Victim Support Northshire" }).getByText("Accepted", { exact: true }).isVisible()).resolves.toBe(true);
    await checkPage(page, "case-referral-accepted");

    // Print: the agreed message, her contact rules, her Enhanced Rights, deadlines and the
    // ledger; no navigation, buttons or forms.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Portal" }).isVisible()).resolves.toBe(false);
    await expect(page.locator("form").first().isVisible()).resolves.toBe(false);
    await expect(page.locator("form:visible").count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Print case summary" }).isVisible()).resolves.toBe(false);
    await expect(message.isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: /How she wants to be contacted/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Her needs changed on/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: "Communication ledger", exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, "case-print");
    await page.emulateMedia({ media: "screen" });

    // A new assessment: a tier lower than her needs is refused at the field; then it is recorded
    // and the offer is closed.
    const rights = page.getByRole("region", { name: "Enhanced Rights and service tier" });
    await rights.getByRole("button", { name: "Record a new assessment" }).click();
    await expect(rights.getByLabel("Victim of the most serious crime").isChecked()).resolves.toBe(true);
    await rights.getByLabel("Service tier").selectOption({ label: "Standard" });
    await rights.getByRole("button", { name: "Record the assessment" }).click();
    await rights.getByText("A victim with Enhanced Rights gets at least the enhanced service.", { exact: false }).first().waitFor();
    await checkPage(page, "case-assessment-refused");
    await rights.getByLabel("Vulnerable or intimidated").check();
    await rights.getByLabel("Service tier").selectOption({ label: "Intensive" });
    await rights.getByRole("button", { name: "Record the assessment" }).click();
    await rights.getByText("Assessment recorded: intensive service.", { exact: false }).waitFor();
    await expect(rights.getByText("victim of the most serious crime and vulnerable or intimidated. Service tier: intensive.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(rights.getByRole("heading", { name: "Offer her a reassessment" }).count()).resolves.toBe(0);
    await checkPage(page, "case-assessment-recorded");
    await page.context().close();
  });
});
