// The directory in a real browser (Debian's chromium, driven by playwright-core) against the
// real server in embedded mode: a CPS victim liaison officer finds local support near a
// postcode and tells a victim about a service (a ledger entry on her case); an organisation
// admin changes her own service and partners see it in search. Every page is checked with
// axe-core (WCAG 2.2 AA). Screenshots go to test-results/screenshots/directory-*.png.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage as checkPageNamed, launchBrowser, openFromNav, signIn as signInAs } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const URN = "41NS0102325";
/** In Northshire's demo area (Leeds LS6, in the offline postcode table). */
const POSTCODE = "LS6 3BR";
const COUNSELLING = "Specialist Counselling for Survivors";

/** Screenshot (test-results/screenshots/directory-<name>.png), then no axe-core violations. */
const checkPage = (page: Page, name: string) => checkPageNamed(page, `directory-${name}`);

/** A search result's card, found by the service's name. */
const card = (page: Page, name: string) => page.locator("li.service-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

/** A status in words (its icon is decoration), e.g. "Accepting referrals" but not "Not accepting referrals". */
const tag = (within: Locator, words: RegExp) => within.locator(".status-tag").filter({ hasText: new RegExp(`^\\W*(${words.source})$`) });

describe("the directory in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;

  /** Signed in as the demo user `name`, on their first page. */
  async function signIn(name: string, firstPage: string): Promise<Page> {
    const page = await signInAs(browser, hub, name);
    await page.getByRole("heading", { level: 1, name: firstPage }).waitFor();
    return page;
  }

  async function searchByPostcode(page: Page, extra?: (page: Page) => Promise<unknown>) {
    await page.getByLabel("Her postcode (optional)").fill(POSTCODE);
    await extra?.(page);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("status").filter({ hasText: /\d+ services? found|No services match/ }).waitFor();
  }

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    // Her ISVA has agreed with her that she is never sent letters.
    const token = await hub.cli("token", "isva@northshire-rapecrisis.example.org");
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${hub.base}/graphql`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Access-Purpose": "SUPPORT_AND_ADVOCACY" },
        body: JSON.stringify({ query, variables }),
      });
      return ((await res.json()) as { data?: any }).data;
    };
    const caseId = (await gql("query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN })).casesByReference[0].id;
    const set = await gql(`mutation($input: ContactContractInput!) { setContactContract(input: $input) { __typename } }`, {
      input: { caseId, channels: ["PHONE"], refusedChannels: ["LETTER"], updateFrequency: "EVERY_2_WEEKS" },
    });
    expect(set.setContactContract).toEqual({ __typename: "VictimContactContract" });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it("a CPS victim liaison officer finds services near a postcode and tells a victim about one", async () => {
    const page = await signIn("Grace Adeyemi", "My caseload");
    await openFromNav(page, "Find local support", "Find local support");
    await page.getByText("Search by her postcode, by words, or with the filters above to see services.").waitFor();

    await searchByPostcode(page);
    await expect(page.getByRole("status").filter({ hasText: "best match first, then nearest" }).isVisible()).resolves.toBe(true);
    const counselling = card(page, COUNSELLING);
    await expect(counselling.getByText("Under 0.1 km away").isVisible()).resolves.toBe(true);
    await expect(tag(counselling, /Accepting referrals/).isVisible()).resolves.toBe(true);
    await expect(tag(counselling, /Open now|Closed now/).isVisible()).resolves.toBe(true);
    await expect(counselling.getByText(/^(Today: 9am to 5pm|Closed today)/).isVisible()).resolves.toBe(true);
    await expect(counselling.getByRole("link", { name: "01632 960103" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/\d+(\.\d)? km \([\d.]+ miles?\) away/).count()).resolves.toBeGreaterThan(1);
    await checkPage(page, "results");

    // Keyset pagination: the next page is added below, and focus moves to its first service.
    const firstPage = await page.locator("li.service-card").count();
    await page.getByRole("button", { name: "Show more services" }).click();
    await expect.poll(() => page.locator("li.service-card").count()).toBeGreaterThan(firstPage);
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("H3");

    // A service that is not taking referrals says so in words, with its own notice.
    await searchByPostcode(page, (p) => p.getByLabel("What happened to her").selectOption("domestic-abuse"));
    const outreach = card(page, "Domestic Abuse Outreach and Housing Support");
    await expect(tag(outreach, /Not accepting referrals/).isVisible()).resolves.toBe(true);
    await expect(outreach.getByText("Not accepting referrals until 3 March").isVisible()).resolves.toBe(true);
    await checkPage(page, "results-filtered");

    // Nothing matches: the page says what to try.
    await searchByPostcode(page, (p) => p.getByLabel("Language she speaks").fill("Klingon"));
    await page.getByRole("status").filter({ hasText: "No services match. Try a wider distance or fewer filters." }).waitFor();
    await page.getByRole("button", { name: "Clear the search" }).click();

    // Tell a victim about a service: choose her case, how and when she was told.
    await searchByPostcode(page);
    await counselling.getByRole("button", { name: `Tell a victim about this service (${COUNSELLING})` }).click();
    const form = page.getByRole("form", { name: `Tell a victim about ${COUNSELLING}` });
    await form.getByRole("button", { name: "Record that she was told" }).click();
    await form.getByRole("alert").filter({ hasText: "Choose the case of the victim you told" }).waitFor();
    await form.getByLabel("Which case is she on?").selectOption({ label: `Police URN ${URN} (sexual offence)` });
    await form.getByLabel("Anything else you said (optional)").fill("She will call them herself next week.");
    // She never wants letters: the hub refuses, and the form says why, by the field.
    await form.getByLabel("How did you tell her?").selectOption("LETTER");
    await form.getByRole("button", { name: "Record that she was told" }).click();
    await form.getByRole("alert").filter({ hasText: "Nothing was recorded" }).waitFor();
    await checkPage(page, "signpost-refused");
    await form.getByLabel("How did you tell her?").selectOption("PHONE");
    await checkPage(page, "signpost-form");
    await form.getByRole("button", { name: "Record that she was told" }).click();
    const recorded = page.getByRole("status").filter({ hasText: `Recorded in the communication ledger of Police URN ${URN}` });
    await recorded.waitFor();
    await expect(recorded.textContent()).resolves.toContain(`she was told about ${COUNSELLING} (Northshire Rape Crisis) by phone call`);
    await checkPage(page, "signposted");
    // No case, victim or search in the address bar or the title.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/");
    expect(await page.title()).toBe("Find local support – Victims' Partnership Hub");

    // The case page's ledger shows it, for every agency on the case.
    await recorded.getByRole("button", { name: "Open the case" }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    const ledger = page.getByRole("region", { name: "Communication ledger, newest first" });
    const row = ledger.getByRole("row").filter({ hasText: `Told the victim about ${COUNSELLING} (Northshire Rape Crisis). She will call them herself next week.` });
    await expect(row.getByText("Phone call").isVisible()).resolves.toBe(true);
    await expect(row.getByText("CPS Northshire").isVisible()).resolves.toBe(true);
    await checkPage(page, "case-ledger");

    // From the case: "Find local support" keeps the case chosen, in memory only.
    await page.getByRole("article").getByRole("button", { name: "Find local support" }).click();
    await page.getByRole("heading", { level: 1, name: "Find local support" }).waitFor();
    await expect(page.getByText(`Finding support for Police URN ${URN}.`).isVisible()).resolves.toBe(true);
    await page.getByLabel("What are you looking for? (optional)").fill("court");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("status").filter({ hasText: /\d+ services? found/ }).waitFor();
    await page.getByRole("button", { name: /^Tell a victim about this service/ }).first().click();
    const chosen = page.locator(".signpost-form").getByLabel("Which case is she on?");
    await expect(chosen.locator("option:checked").textContent()).resolves.toContain(`Police URN ${URN}`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/");
    await page.context().close();
  });

  it("an organisation admin changes her own service, and partners see it in search", async () => {
    const page = await signIn("Helen Ford", "My caseload");
    await openFromNav(page, "Our services", "Our services");
    await page.getByRole("status").filter({ hasText: /\d+ services? you maintain/ }).waitFor();
    // Only Northshire Rape Crisis's own services.
    const names = await page.locator("li.service-card h2").allTextContents();
    expect(names).toContain(COUNSELLING);
    expect(names).not.toContain("Northshire IDVA Service");
    await checkPage(page, "our-services");

    await page.getByRole("button", { name: `Change this service (${COUNSELLING})` }).click();
    const form = page.getByRole("form", { name: `Change ${COUNSELLING}` });
    await form.getByLabel("No, not accepting referrals").check();
    await form.getByLabel("Notice for partners (optional)").fill("Waiting list closed until 1 June");
    await form.getByLabel("I have checked this entry and it is right today").check();
    await checkPage(page, "our-services-edit");
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByText(`${COUNSELLING}: changes saved and marked as checked today.`, { exact: false }).waitFor();
    const entry = page.locator("li.service-card").filter({ has: page.getByRole("heading", { name: COUNSELLING }) });
    await expect(tag(entry, /Not accepting referrals/).isVisible()).resolves.toBe(true);
    await checkPage(page, "our-services-saved");

    await openFromNav(page, "Find local support", "Find local support");
    await searchByPostcode(page);
    const counselling = card(page, COUNSELLING);
    await expect(tag(counselling, /Not accepting referrals/).isVisible()).resolves.toBe(true);
    await expect(counselling.getByText("Waiting list closed until 1 June").isVisible()).resolves.toBe(true);
    // Only services accepting referrals: hers drops out.
    await page.getByLabel("Only services accepting referrals").check();
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("status").filter({ hasText: /\d+ services? found/ }).waitFor();
    await expect(card(page, COUNSELLING).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("the partnership's administrator, who works on no cases, maintains every service in Northshire and none in Southshire", async () => {
    const page = await signIn("Femi Adebayo", "Our services");
    await page.getByRole("status").filter({ hasText: /\d+ services you maintain/ }).waitFor();
    const names = await page.locator("li.service-card h2").allTextContents();
    expect(names).toEqual(expect.arrayContaining(["Northshire IDVA Service", COUNSELLING]));
    expect(names).not.toContain("Southshire Refuge");
    await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("button", { name: "My caseload" }).count()).resolves.toBe(0);
    await openFromNav(page, "Find local support", "Find local support");
    await searchByPostcode(page);
    // No cases to record on, so no signposting.
    await expect(page.getByRole("button", { name: /^Tell a victim about this service/ }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
