// Safe at the moment of contact, in a real browser against the real hub (embedded mode, the
// demo's working day). Jo Evans (IDVA) supports Sophie Brennan, who agreed: phone or text only,
// never a letter or an email, no voicemail, weekdays 10am to 2pm, codeword "bluebell". Her rules
// sit beside the record-a-contact form; as Jo fills it in, every rule the contact would not fit
// shows beside its own field before she submits, and submitting lists them all at once with
// nothing recorded. The printed summary carries the OFFICIAL-SENSITIVE marking and leaves the
// codeword out unless Jo asks for it. axe-core on each step.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, signIn } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const JO = "idva@safesteps-northshire.example.org";
const URN = "41NS0202226";

/** The last Saturday before today, as a London date for a date input (yyyy-mm-dd). */
function lastSaturday(): string {
  const london = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" }).formatToParts(d);
  for (let back = 1; ; back++) {
    const parts = london(new Date(Date.now() - back * 86_400_000));
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    if (part("weekday") === "Sat") return `${part("year")}-${part("month")}-${part("day")}`;
  }
}

describe("safe at the moment of contact, in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  let caseloadCard = "";
  const contactCount = async () =>
    ((await hubGql(hub, JO, "query($id: ID!) { case(id: $id) { ... on Case { contacts { id } } } }", { id: caseId }, "KEEPING_VICTIM_INFORMED")).data.case.contacts as unknown[]).length;

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    const found = await hubGql(hub, JO, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN }, "KEEPING_VICTIM_INFORMED");
    caseId = found.data.casesByReference[0].id as string;
    page = await signIn(browser, hub, "Jo Evans");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }) });
    await card.waitFor();
    caseloadCard = (await card.textContent()) ?? "";
    await page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it("says on the caseload whose each deadline is, so another agency's duty does not read as hers", async () => {
    expect(caseloadCard).not.toContain("Something is overdue");
    // Her case has the police's and the CPS's Victims' Code duties: each is named as theirs.
    expect(caseloadCard).toMatch(/\((yours|for [A-Z][^)]+)\)/);
    expect(caseloadCard).not.toMatch(/\(for IDVA service\)/);
  });

  it("shows her rules beside the form, and whether now is a safe time to call", async () => {
    const rules = page.getByRole("complementary", { name: "Her rules for this contact" });
    await rules.waitFor();
    const text = (await rules.textContent()) ?? "";
    expect(text).toMatch(/Never contact her by: Letter and Email/);
    expect(text).toContain("No voicemail");
    expect(text).toContain("No letters to her home");
    expect(text).toContain("Safe times: Monday, Tuesday, Wednesday, Thursday and Friday, between 10am and 2pm");
    expect(text).toContain("bluebell");
    await rules.getByText(/^Now is (not )?(inside her safe times|a safe time)/).waitFor();
    await checkPage(page, "contact-rules-beside-form");
  });

  it("shows every rule a contact would not fit beside its field as it is filled, and lists them all at once on submit", async () => {
    const before = await contactCount();
    const form = page.locator("form.record-contact");
    await form.getByLabel("Date", { exact: true }).fill(lastSaturday());
    await form.getByLabel("Time", { exact: true }).fill("20:00");
    await form.getByLabel("How did you contact her?").selectOption("PHONE");
    await form.getByLabel("What happened?").selectOption("MESSAGE_LEFT");
    // Before any submit: beside the time (safe days and hours) and beside what happened (voicemail).
    const when = form.getByRole("group", { name: "When was the contact?" });
    await when.getByText(/Does not fit her agreement:.*only safe to contact her on Monday.*only safe to contact her between 10:00 and 14:00/).waitFor();
    await form.getByText(/Does not fit her agreement:.*no voicemail messages/).waitFor();
    await expect(form.getByText("Does not fit her agreement:").count()).resolves.toBe(2);
    await checkPage(page, "contact-breaches-beside-fields");

    await form.getByLabel("Summary of the contact").fill("Left a message about the next hearing.");
    await form.getByRole("button", { name: "Record the contact" }).click();
    const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const links = await summary.getByRole("link").allTextContents();
    expect(links).toHaveLength(3);
    expect(links.join(" ")).toMatch(/Monday.*10:00 and 14:00/);
    expect(links.join(" ")).toMatch(/no voicemail/);
    expect(links.join(" ")).toMatch(/if it has already happened, say why/);
    await checkPage(page, "contact-breaches-listed");

    // A letter: both her refusal of letters and "no letters to her home", beside the channel.
    await form.getByLabel("How did you contact her?").selectOption("LETTER");
    await form.getByLabel("What happened?").selectOption("SENT");
    await form.getByText(/Does not fit her agreement:.*not to be contacted by letter.*no letters to be sent to her home/).waitFor();
    expect(await contactCount()).toBe(before);
  });

  it("prints the protective marking and leaves her codeword out unless asked", async () => {
    await page.emulateMedia({ media: "print" });
    const marking = page.getByText(/^OFFICIAL-SENSITIVE/);
    await expect(marking.isVisible()).resolves.toBe(true);
    const panel = page.getByRole("region", { name: /How she wants to be contacted/ });
    await expect(panel.isVisible()).resolves.toBe(true);
    await expect(panel.getByText("bluebell").isVisible()).resolves.toBe(false);
    await expect(page.getByRole("button", { name: "Print case summary" }).isVisible()).resolves.toBe(false);

    await page.emulateMedia({ media: "screen" });
    await expect(marking.isVisible()).resolves.toBe(false);
    await expect(page.getByText("A printed summary is marked OFFICIAL-SENSITIVE on every page. Her codeword is left out unless you tick the box.").isVisible()).resolves.toBe(true);
    await page.getByLabel("Include her codeword in the printed summary").check();
    await page.emulateMedia({ media: "print" });
    await expect(panel.getByText("bluebell").isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });
  });

  it("records her first contact agreement with her, refusing a half-given safe time beside its field, and the case then checks against it", async () => {
    // A case of the ISVA's that nobody has agreed contact rules for yet.
    const AMIRA = "isva@northshire-rapecrisis.example.org";
    const list = await hubGql(hub, AMIRA, "{ cases(first: 50) { edges { node { id policeUrn contactAgreement } } } }");
    const none = (list.data.cases.edges as { node: { id: string; policeUrn: string; contactAgreement: string } }[]).map((e) => e.node).find((n) => n.contactAgreement === "NONE");
    if (!none) throw new Error("the demo gives the ISVA no case without a contact agreement");
    const amira = await signIn(browser, hub, "Amira Khan");
    await amira.getByRole("button", { name: new RegExp(`^Police URN ${none.policeUrn}`) }).click();
    await amira.getByRole("heading", { level: 1, name: `Police URN ${none.policeUrn}` }).waitFor();
    await amira.getByText("She has not agreed how she wants to be contacted yet.").waitFor();
    await expect(amira.getByText("Do not contact her directly").count()).resolves.toBe(0);
    await amira.getByRole("complementary", { name: "She has not agreed how she wants to be contacted yet" }).waitFor();

    await amira.getByRole("button", { name: "Record how she wants to be contacted" }).click();
    const form = amira.getByRole("form", { name: "Record how she wants to be contacted" });
    await form.getByRole("group", { name: "How is she happy to be contacted?" }).getByLabel("Phone").check();
    await form.getByRole("group", { name: "Ways she must never be contacted" }).getByLabel("Letter").check();
    await form.getByLabel("From", { exact: true }).fill("10:00");
    await form.getByRole("button", { name: "Save her contact agreement" }).click();
    const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    const links = await summary.getByRole("link").allTextContents();
    expect(links).toEqual(["Give both the start and the end of her safe time, or neither", "Choose how often she would like to hear from us"]);
    await checkPage(amira, "contact-agreement-problems");

    await form.getByLabel("Until", { exact: true }).fill("14:00");
    await form.getByLabel("Do not leave voicemail").check();
    await form.getByLabel("Codeword (optional)").fill("harbour");
    await form.getByLabel("How often would she like to hear from us?").selectOption("EVERY_2_WEEKS");
    await form.getByRole("button", { name: "Save her contact agreement" }).click();
    const saved = amira.getByRole("status").filter({ hasText: "Her contact agreement is saved." });
    await saved.waitFor();
    await expect.poll(() => saved.evaluate((el) => el === document.activeElement)).toBe(true);
    const rules = amira.getByRole("complementary", { name: "Her rules for this contact" });
    await rules.getByText("Never contact her by: Letter").waitFor();
    await checkPage(amira, "contact-agreement-saved");

    const held = await hubGql(hub, AMIRA, "query($id: ID!) { case(id: $id) { ... on Case { contactAgreement contactContract { channels refusedChannels safeFrom safeUntil noVoicemail codeword updateFrequency } } } }", { id: none.id });
    expect(held.data.case).toEqual({
      contactAgreement: "AGREED",
      contactContract: { channels: ["PHONE"], refusedChannels: ["LETTER"], safeFrom: "10:00", safeUntil: "14:00", noVoicemail: true, codeword: "harbour", updateFrequency: "EVERY_2_WEEKS" },
    });
    await amira.context().close();
  });
});
