// Opening and staffing a case in a real browser against the real hub (embedded mode), signed
// in through the demo provider. A police officer opens a case at charge with the keyboard only
// (the form refuses what is missing, beside each field); the hub puts the CPS and the Witness
// Care Unit on it by duty; her details show to him, with their history in words, and never in
// the address bar, the title, browser storage or print. Opening it again says plainly that the
// hub already had it. The WCU lead names Priya Shah as the unit's contact through "Agencies on
// this case", by keyboard, and Priya sees herself named; the officer closes the case and
// reopens it, back at the stage it had, and changes the kind of offence; the lead ends the
// unit's part after "Are you sure?". axe-core finds nothing on every new page and form.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, launchBrowser, openFromNav, screenshot, signIn } from "./portal-browser-helpers.js";
import { focused, leavesNoTrace, reflowProblems, tabAndType, tabTo, typeDate } from "./portal-keyboard-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const URN = "41NS0999926";
const VICTIM = "Leah Turner";
const onDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const ageToday = (y: number, m: number, d: number) => {
  const now = new Date();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now).split("-").map(Number) as [number, number, number];
  return today[0] - y - (today[1] < m || (today[1] === m && today[2] < d) ? 1 : 0);
};

describe("opening and staffing a case in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  async function openTheCase(name: string): Promise<Page> {
    const page = await signIn(browser, hub, name);
    await page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    return page;
  }

  const agencies = (page: Page) => page.getByRole("region", { name: "Agencies on this case" });
  const agency = (page: Page, organisation: string) => agencies(page).getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(`^${organisation}`) }) });

  it("a police officer opens a case at charge with the keyboard only; the CPS and the Witness Care Unit join by duty", async () => {
    const page = await signIn(browser, hub, "DC Mark Lewis", { viewport: { width: 1280, height: 900 } });
    const nav = page.getByRole("navigation", { name: "Portal" });
    await expect(nav.getByRole("button", { name: "Open a case" }).isVisible()).resolves.toBe(true);
    await openFromNav(page, "Open a case", "Open a case");
    expect(await page.title()).toBe("Open a case – Victims' Partnership Hub");
    await page.getByLabel("Police URN").waitFor();
    await checkPage(page, "open-case");

    // Nothing filled in: each problem beside its field, and nothing sent.
    await tabTo(page, "Open the case");
    await page.keyboard.press("Enter");
    const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await problem.waitFor();
    for (const message of ["Give the police URN, as it is on your system", "Choose the kind of offence", "Give her full name, as she gives it"]) {
      await expect(problem.getByRole("link", { name: message }).isVisible()).resolves.toBe(true);
    }
    await expect(page.locator(".field-with-problem").filter({ hasText: "Give her full name, as she gives it" }).getByLabel("Her full name").count()).resolves.toBe(1);
    await expect.poll(async () => (await focused(page)).tag).toBe("DIV");
    await checkPage(page, "open-case-problems");

    // The summary's first link takes focus to the URN; then every field by keyboard.
    await tabTo(page, "Give the police URN, as it is on your system");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).name).toBe("Police URN");
    await page.keyboard.type(URN);
    await tabAndType(page, "Kind of offence", "Assault");
    await tabAndType(page, "Where is the case now?", "Charged");
    expect((await focused(page)).value).toBe("CHARGED");
    await tabAndType(page, "Her full name", VICTIM);
    await tabTo(page, "Date of birth (optional)");
    await typeDate(page, "1999-03-14");
    await tabAndType(page, "Postcode", "LS8 ZZZ");
    await tabAndType(page, "Phone", "07700 900555");
    await tabTo(page, "Open the case");
    await page.keyboard.press("Enter");
    // The hub refuses the postcode: its words beside the field, and nothing was saved.
    const postcode = page.locator(".field-with-problem").filter({ has: page.getByLabel("Postcode", { exact: true }) });
    await postcode.getByText("That is not a UK postcode, such as LS1 4AP. Check it, or leave it blank.").waitFor();
    await expect(problem.getByText("Nothing was saved.").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: "Open a case" }).isVisible()).resolves.toBe(true);
    await expect.poll(async () => (await focused(page)).tag).toBe("DIV");
    await checkPage(page, "open-case-refused");
    await tabTo(page, "That is not a UK postcode, such as LS1 4AP. Check it, or leave it blank.");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).name).toBe("Postcode");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("ls8 3pz");
    await tabTo(page, "Open the case");
    await page.keyboard.press("Enter");

    // On the new case, which says it was opened; the address bar and title say nothing of it.
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    await page.getByText("Case opened. Your organisation is on it", { exact: false }).waitFor();
    expect(await page.title()).toBe("Case – Victims' Partnership Hub");
    await expect(page.locator(".case-facts").getByText("Charged", { exact: true }).isVisible()).resolves.toBe(true);

    // The CPS and the Witness Care Unit joined by duty; nobody named at either yet.
    await expect(agency(page, "Northshire Police \\(your organisation\\)").getByText("DC Mark Lewis (you)").isVisible()).resolves.toBe(true);
    for (const organisation of ["CPS Northshire", "Northshire Police Witness Care Unit"]) {
      const card = agency(page, organisation);
      await expect(card.getByRole("definition").filter({ hasText: /^By its duty$/ }).count()).resolves.toBe(1);
      await expect(card.getByRole("definition").filter({ hasText: onDay(new Date()) }).count()).resolves.toBe(1);
      await expect(card.getByText("Nobody named yet").isVisible()).resolves.toBe(true);
    }
    await expect(agencies(page).getByText("No agency has left this case.").isVisible()).resolves.toBe(true);
    const stages = page.getByRole("region", { name: "Stages of the case" });
    await expect(stages.getByText(`${onDay(new Date())}: Opened at “Charged”, by Northshire Police.`).isVisible()).resolves.toBe(true);

    // Her details, as he entered them; contact details only for those she agrees may see them.
    const details = page.getByRole("region", { name: "Her details" });
    // (Her details come with their own request, after the case.)
    await details.getByText(VICTIM, { exact: true }).waitFor();
    await expect(details.getByText(`14 March 1999 (aged ${ageToday(1999, 3, 14)})`).isVisible()).resolves.toBe(true);
    await expect(details.getByRole("heading", { name: "How to reach her" }).count()).resolves.toBe(0);
    await expect(page.getByText("07700 900555").count()).resolves.toBe(0);
    await checkPage(page, "case-opened");

    // He corrects her preferred name: the change is kept, in words.
    await details.getByRole("button", { name: "Change who she is" }).click();
    const identity = details.getByRole("form", { name: "Change who she is" });
    await identity.getByLabel("Preferred name (optional)").fill("Lee");
    await checkPage(page, "case-her-details-form");
    await identity.getByRole("button", { name: "Save her details" }).click();
    await details.getByText("Saved. The earlier details are kept in the list of changes.").waitFor();
    await expect(details.getByText("Lee", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(details.getByText(`Changed on ${onDay(new Date())} by Northshire Police: her preferred name.`).isVisible()).resolves.toBe(true);

    // Her name goes nowhere but the page: not the address bar, the title, storage, or print.
    await leavesNoTrace(page, [VICTIM, "Lee Turner", URN, "1999-03-14"]);
    await page.emulateMedia({ media: "print" });
    await expect(details.isVisible()).resolves.toBe(false);
    await expect(page.getByText(VICTIM, { exact: true }).isVisible()).resolves.toBe(false);
    await expect(agencies(page).isVisible()).resolves.toBe(true);
    await screenshot(page, "case-opened-print");
    await page.emulateMedia({ media: "screen" });

    // The same URN for the same victim again: the case the hub already had.
    await openFromNav(page, "Open a case", "Open a case");
    await page.getByLabel("Police URN").fill(URN.toLowerCase());
    await page.getByLabel("Kind of offence").selectOption({ label: "Assault" });
    await page.getByLabel("Her full name").fill("leah  turner");
    await page.getByRole("button", { name: "Open the case" }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    await page.getByText("The hub already had this case: the same police URN for the same victim. Nothing new was made, and you are on this case now.").waitFor();
    await expect(agencies(page).getByRole("heading", { name: /^Northshire Police \(your organisation\)/ }).count()).resolves.toBe(1);
    await checkPage(page, "case-already-open");

    // At 320 CSS pixels the new page reflows.
    await page.setViewportSize({ width: 320, height: 900 });
    await openFromNav(page, "Open a case", "Open a case");
    await page.getByLabel("Police URN").waitFor();
    await screenshot(page, "zoom-320-open-case");
    expect(await reflowProblems(page), "Open a case at 320px").toEqual([]);
    await page.context().close();
  });

  it("the Witness Care Unit's lead names Priya Shah as its contact, by keyboard, in Agencies on this case", async () => {
    const page = await openTheCase("Tom Reid");
    const wcu = agency(page, "Northshire Police Witness Care Unit");
    await expect(wcu.getByText("Nobody named yet").isVisible()).resolves.toBe(true);
    // He leads casework at the unit: its part is his to staff, and he may add agencies.
    await expect(agencies(page).getByRole("button", { name: "Add an agency" }).isVisible()).resolves.toBe(true);
    await expect(agency(page, "CPS Northshire").getByRole("button").count()).resolves.toBe(0);

    await wcu.getByRole("button", { name: "Name a contact for Northshire Police Witness Care Unit" }).focus();
    await page.keyboard.press("Enter");
    const form = wcu.getByRole("form", { name: "Name Northshire Police Witness Care Unit's contact for her" });
    await form.getByLabel("Who is to be her contact?").waitFor();
    await expect.poll(async () => (await focused(page)).name).toBe("Name Northshire Police Witness Care Unit's contact for her");
    await tabAndType(page, "Who is to be her contact?", "Priya");
    await tabTo(page, "Name them as our contact");
    await page.keyboard.press("Enter");
    // No reason: refused beside the field, and nothing saved.
    await form.locator(".field-with-problem").getByText("Say why you are naming them", { exact: false }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe("DIV");
    await checkPage(page, "case-name-contact-problem");
    await tabAndType(page, "Why them?", "Priya is the officer for the Crown Court.");
    await tabTo(page, "Name them as our contact");
    await page.keyboard.press("Enter");

    const done = agencies(page).getByText("Priya Shah is now Northshire Police Witness Care Unit's named contact for her. They have been told.");
    await done.waitFor();
    await expect.poll(async () => (await focused(page)).name).toBe("Priya Shah is now Northshire Police Witness Care Unit's named contact for her. They have been told.");
    await expect(wcu.getByRole("definition").filter({ hasText: /^Priya Shah$/ }).count()).resolves.toBe(1);
    await expect(wcu.getByText(`${onDay(new Date())}: Priya Shah named as the contact by Tom Reid. Why: Priya is the officer for the Crown Court.`).isVisible()).resolves.toBe(true);
    await checkPage(page, "case-contact-named");

    // Adding an agency: only organisations serving Northshire that are not on the case.
    await agencies(page).getByRole("button", { name: "Add an agency" }).click();
    const add = agencies(page).getByRole("form", { name: "Add an agency" });
    await add.getByLabel("Which organisation?").waitFor();
    const choices = await add.getByLabel("Which organisation?").locator("option").allTextContents();
    expect(choices).toContain("Northshire Rape Crisis (ISVA service)");
    expect(choices.some((c) => c.startsWith("Southshire") || c.startsWith("CPS Northshire"))).toBe(false);
    await add.getByLabel("Which organisation?").selectOption({ label: "Northshire Rape Crisis (ISVA service)" });
    await add.getByText("She has no consent in force.", { exact: false }).waitFor();
    await add.getByRole("button", { name: "Add the agency" }).click();
    await add.getByText("Choose the consent in which she agreed Northshire Rape Crisis may see her case", { exact: false }).first().waitFor();
    await checkPage(page, "case-add-agency-needs-consent");
    await add.getByRole("button", { name: "Cancel" }).click();
    await page.context().close();
  });

  it("adding a support service shows what her consent covers, and the hub's refusal beside the consent", async () => {
    // A demo case the Witness Care Unit is on, where she has given one consent.
    const page = await signIn(browser, hub, "Tom Reid");
    await page.getByRole("button", { name: /^Police URN 41NS0102325/ }).click();
    await page.getByRole("heading", { level: 1, name: "Police URN 41NS0102325" }).waitFor();
    await agencies(page).getByRole("button", { name: "Add an agency" }).click();
    const add = agencies(page).getByRole("form", { name: "Add an agency" });
    await add.getByLabel("Which organisation?").selectOption({ label: "Safe Steps Northshire (IDVA service)" });
    const consent = add.getByRole("group", { name: "Her consent for Safe Steps Northshire to see her case" });
    await consent.waitFor();
    const choice = consent.getByRole("radio", { name: /^Consent given / });
    await expect(choice.count()).resolves.toBe(1);
    await expect(consent.getByText("It does not cover Safe Steps Northshire seeing how her case is going.").isVisible()).resolves.toBe(true);
    await expect(consent.getByText(/^How the case is going: to Northshire Rape Crisis/).first().isVisible()).resolves.toBe(true);
    await choice.check();
    await checkPage(page, "case-add-agency-consent");
    await add.getByRole("button", { name: "Add the agency" }).click();
    await consent.locator(".problem-message").getByText("She has not agreed that Safe Steps Northshire may see her case", { exact: false }).waitFor();
    await expect(add.getByRole("alert").getByText("Nothing was saved.").isVisible()).resolves.toBe(true);
    await checkPage(page, "case-add-agency-refused");
    // Nothing was saved: Safe Steps is not on the case.
    await add.getByRole("button", { name: "Cancel" }).click();
    await expect(agency(page, "Safe Steps Northshire").count()).resolves.toBe(0);
    await page.context().close();
  });

  it("her ISVA, in her contact circle, sees how to reach her only when she asks, and never in print", async () => {
    const page = await signIn(browser, hub, "Amira Khan");
    await page.getByRole("button", { name: /^Police URN 41NS0102325/ }).click();
    await page.getByRole("heading", { level: 1, name: "Police URN 41NS0102325" }).waitFor();
    const details = page.getByRole("region", { name: "Her details" });
    await details.getByRole("heading", { name: "How to reach her" }).waitFor();
    const show = details.getByRole("button", { name: "Show her contact details" });
    await expect(show.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(page.getByText("07700 900101").count()).resolves.toBe(0);
    await show.click();
    await details.getByText("07700 900101").waitFor();
    await expect(details.getByRole("button", { name: "Hide her contact details" }).getAttribute("aria-expanded")).resolves.toBe("true");
    await checkPage(page, "case-her-contact-details");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByText("07700 900101").isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: "screen" });
    await leavesNoTrace(page, ["07700 900101", "07700900101"]);
    await page.context().close();
  });

  it("Priya Shah sees herself named, and may hand it over", async () => {
    const page = await openTheCase("Priya Shah");
    const wcu = agency(page, "Northshire Police Witness Care Unit");
    await expect(wcu.getByRole("definition").filter({ hasText: /^Priya Shah \(you\)$/ }).count()).resolves.toBe(1);
    await expect(wcu.getByRole("button", { name: "Hand over for Northshire Police Witness Care Unit" }).isVisible()).resolves.toBe(true);
    // She is not a lead: she neither adds agencies nor ends the unit's part.
    await expect(agencies(page).getByRole("button", { name: "Add an agency" }).count()).resolves.toBe(0);
    await expect(wcu.getByRole("button", { name: "End our involvement" }).count()).resolves.toBe(0);
    await checkPage(page, "case-named-contact-sees-herself");
    await page.context().close();
  });

  it("the officer closes the case with a reason, and reopens it back at the stage it had", async () => {
    const page = await openTheCase("DC Mark Lewis");
    const stages = page.getByRole("region", { name: "Stages of the case" });
    await stages.getByRole("button", { name: "Close the case" }).click();
    const close = stages.getByRole("form", { name: "Close the case" });
    await close.getByRole("button", { name: "Close the case" }).click();
    await close.getByText("Say why the case is closing, in a sentence", { exact: false }).first().waitFor();
    await close.getByLabel("Why is the case closing?").fill("She has asked us to stop.");
    await close.getByRole("button", { name: "Close the case" }).click();
    await stages.getByText("The case is closed. Everything on it is kept, and it can be reopened.").waitFor();
    await expect(stages.getByText(`${onDay(new Date())}: Closed (it was at “Charged”), by Northshire Police. Why: She has asked us to stop.`).isVisible()).resolves.toBe(true);
    await expect(page.locator(".case-facts").getByText("Closed", { exact: true }).isVisible()).resolves.toBe(true);

    await stages.getByRole("button", { name: "Reopen the case" }).click();
    const reopen = stages.getByRole("form", { name: "Reopen the case" });
    await reopen.getByText("It goes back to “Charged”, the stage it was at before it closed.", { exact: false }).waitFor();
    await expect(reopen.getByLabel("Which stage does it go back to?").inputValue()).resolves.toBe("CHARGED");
    await reopen.getByLabel("Why is the case being reopened?").fill("She wants to go ahead after all.");
    await checkPage(page, "case-reopen-form");
    await reopen.getByRole("button", { name: "Reopen the case" }).click();
    await stages.getByText("The case is open again, back at “Charged”.", { exact: false }).waitFor();
    await expect(stages.getByText(`${onDay(new Date())}: Reopened, back to “Charged”, by Northshire Police. Why: She wants to go ahead after all.`).isVisible()).resolves.toBe(true);
    await checkPage(page, "case-reopened");

    // The police change the kind of offence (the CPS reference is the CPS's to give).
    await page.getByRole("button", { name: "Change the case details" }).click();
    const facts = page.getByRole("form", { name: "Change the case details" });
    await expect(facts.getByLabel("CPS reference").count()).resolves.toBe(0);
    await facts.getByRole("button", { name: "Save the case details" }).click();
    await facts.getByText("Nothing has changed: change the kind of offence or the CPS reference, or cancel.").waitFor();
    await facts.getByLabel("Kind of offence").selectOption({ label: "Stalking or harassment" });
    await checkPage(page, "case-details-form");
    await facts.getByRole("button", { name: "Save the case details" }).click();
    await page.getByText("Case details saved. Every agency on the case sees them now.").waitFor();
    await expect(page.locator(".case-facts").getByText("Stalking or harassment", { exact: true }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("the WCU lead ends the unit's involvement after a reason and 'Are you sure?'; the police see it under 'No longer on the case'", async () => {
    const tom = await openTheCase("Tom Reid");
    const wcu = agency(tom, "Northshire Police Witness Care Unit");
    await wcu.getByRole("button", { name: "End our involvement" }).click();
    const form = wcu.getByRole("form", { name: "End Northshire Police Witness Care Unit's involvement" });
    await form.getByLabel("Why is your organisation leaving the case?").fill("The case has been moved to the Southshire unit.");
    await form.getByRole("button", { name: "End our involvement" }).click();
    const sure = form.getByRole("region", { name: "Are you sure?" });
    await sure.getByText("Northshire Police Witness Care Unit will no longer be on this case.", { exact: false }).waitFor();
    await expect.poll(async () => (await focused(tom)).name).toBe("Are you sure?");
    await checkPage(tom, "case-end-involvement-confirm");
    // "No" sends nothing: the unit is still on the case.
    await sure.getByRole("button", { name: "No, stay on the case" }).click();
    await expect(form.getByRole("region", { name: "Are you sure?" }).count()).resolves.toBe(0);
    await form.getByRole("button", { name: "End our involvement" }).click();
    await form.getByRole("region", { name: "Are you sure?" }).getByRole("button", { name: "Yes, end our involvement" }).click();
    await tom.getByRole("heading", { level: 1, name: "Your organisation is no longer on this case" }).waitFor();
    await tom.getByText("Northshire Police Witness Care Unit's involvement in this case has ended.", { exact: false }).waitFor();
    await checkPage(tom, "case-involvement-ended");
    await tom.context().close();

    const police = await openTheCase("DC Mark Lewis");
    await expect(agency(police, "Northshire Police Witness Care Unit").count()).resolves.toBe(0);
    const past = agencies(police).getByRole("listitem").filter({ hasText: "Northshire Police Witness Care Unit" });
    await expect(past.getByText("Why it left: The case has been moved to the Southshire unit.", { exact: false }).isVisible()).resolves.toBe(true);
    await police.context().close();
  });
});
