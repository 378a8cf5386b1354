// The portal in a real browser (Debian's chromium, driven by playwright-core) against the
// real server in embedded mode: sign in through the demo provider, work a case, and check
// every page with axe-core (WCAG 2.2 AA). Screenshots go to test-results/screenshots/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const AMIRA = "isva@northshire-rapecrisis.example.org";
const CHLOE = "isva@southshire-isva.example.org";
const URN = "41NS0102325";
describe("the portal in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;

  const gql = (email: string, query: string, variables: Record<string, unknown>) => hubGql(hub, email, query, variables);

  /** A fresh browser profile, signed in as the demo user `name` through the provider's page. */
  async function signIn(name: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: hub.base });
    const page = await context.newPage();
    await page.goto("/");
    await checkPage(page, "sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/oidc\//);
    await page.getByText(name, { exact: true }).click();
    await page.locator('form[method="post"] button[type="submit"]').first().click();
    await page.getByRole("heading", { name: "My caseload" }).waitFor();
    return page;
  }

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    // The ISVA agrees with the victim how she wants to be contacted.
    const found = await gql(AMIRA, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN });
    const caseId = found.data.casesByReference[0].id as string;
    const set = await gql(
      AMIRA,
      `mutation($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on Error { message } } }`,
      { input: { caseId, channels: ["PHONE"], refusedChannels: ["LETTER"], updateFrequency: "EVERY_2_WEEKS", noVoicemail: true } },
    );
    expect(set.data?.setContactContract).toEqual({ __typename: "VictimContactContract" });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it("an ISVA signs in, opens a case, reads the agreed message and the contact rules, and records a contact", async () => {
    const page = await signIn("Amira Khan");
    await page.getByText(/\d+ cases?\./).waitFor();
    await checkPage(page, "caseload");
    await expect(page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    // The agreed message is at the top, in the same words for every agency.
    await expect(page.getByRole("heading", { name: "What every agency tells her" }).isVisible()).resolves.toBe(true);
    // Composed from the case's standing facts: the stage's own sentence first.
    await expect(page.getByText("The case is going to trial.", { exact: false }).first().isVisible()).resolves.toBe(true);
    // The contact contract cannot be missed.
    const contract = page.getByRole("region", { name: /How she wants to be contacted/ });
    await expect(contract.getByText("Never contact her by").isVisible()).resolves.toBe(true);
    await expect(contract.getByText("Letter", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(contract.getByText("Do not leave voicemail").isVisible()).resolves.toBe(true);
    // Nothing about the victim or the case in the address bar or the title.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/");
    expect(await page.title()).toBe("Case – Victims' Partnership Hub");
    // ...nor in the browser's storage: the access token lives in memory only, and the sign-in's
    // PKCE verifier is gone from sessionStorage once used. Cookies are the sign-in provider's
    // session only, and hold no case reference.
    const stored = await page.evaluate(async () => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      indexedDb: (await indexedDB.databases()).map((d) => d.name),
    }));
    expect(stored).toEqual({ local: [], session: [], indexedDb: [] });
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.value.includes(URN) || /case|victim/i.test(c.name))).toEqual([]);
    await checkPage(page, "case");

    // A refused channel: the API's reason shows inline, and nothing is written.
    await page.getByLabel("How did you contact her?").selectOption("LETTER");
    await expect(page.getByText("Warning: she has refused contact by letter.").isVisible()).resolves.toBe(true);
    await page.getByLabel("What happened?").selectOption("SENT");
    await page.getByLabel("Summary of the contact").fill("Sent a letter about the trial.");
    await page.getByRole("button", { name: "Record the contact" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await checkPage(page, "case-contact-refused");

    const summary = "Called her to explain the defendant was remanded in custody until the trial.";
    await page.getByLabel("How did you contact her?").selectOption("PHONE");
    await page.getByLabel("What happened?").selectOption("REACHED");
    await page.getByLabel("Summary of the contact").fill(summary);
    // The plain-language check lists findings under the field, without changing the text.
    await page.getByText(/Plain-language check: \d+ things? to look at/).waitFor();
    await expect(page.getByText("Legal term:").first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Summary of the contact").inputValue()).resolves.toBe(summary);
    await page.getByRole("button", { name: "Record the contact" }).click();
    await page.getByText(/Contact recorded: Phone call/).waitFor();
    const ledger = page.getByRole("region", { name: "Communication ledger, newest first" });
    await expect(ledger.getByRole("row").filter({ hasText: summary }).getByText("Spoke to her (reached)").isVisible()).resolves.toBe(true);
    await checkPage(page, "case-contact-recorded");

    await page.getByRole("button", { name: "Referrals inbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Referrals inbox" }).waitFor();
    await page.getByText(/\d+ referrals?\./).waitFor();
    await checkPage(page, "referrals");
    await page.context().close();
  });

  it("a Southshire ISVA cannot find the Northshire case by any route", async () => {
    const page = await signIn("Chloe Martin");
    await page.getByText(/\d+ cases?\.|You have no cases yet/).first().waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain(URN);
    expect(text).not.toContain("V-NS-0001");
    // Nor through the API the portal talks to, by reference.
    const byRef = await gql(CHLOE, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN });
    expect(byRef.data?.casesByReference).toEqual([]);
    await checkPage(page, "caseload-southshire");
    await page.context().close();
  });

  it("a partnership auditor sees who has seen a victim's data", async () => {
    const page = await signIn("Ruth Bennett");
    await page.getByRole("button", { name: "Who has seen a victim's data" }).click();
    await page.getByRole("heading", { level: 1, name: "Who has seen this victim's data" }).waitFor();
    await page.getByLabel("Victim reference").fill("V-NS-0001");
    await page.getByRole("button", { name: "Show who has seen her data" }).click();
    await page.getByText(/\d+ entr(y|ies) for V-NS-0001\./).waitFor();
    const log = page.getByRole("region", { name: "Access log" });
    // Amira's reads of the case (above) are in the log.
    await expect(log.getByRole("row").filter({ hasText: "Amira Khan" }).count()).resolves.toBeGreaterThan(0);
    await checkPage(page, "access-log");
    await page.context().close();
  });
});
