// "Her consent" on the case page, in a real browser against the real hub (embedded mode): an
// ISVA sees what the victim has agreed now, organisation by organisation; recording that she
// agreed to share with the ISVA's own organisation without saying how she said it is refused
// by the hub beside "How did she tell you?"; with how and when, it appears in what she has
// agreed now and in her history, marked self-recorded; a withdrawal from every Witness Care
// Unit is read back in plain words before it is sent, then the Witness Care Unit's access goes
// from the picture and the statement it replaced is shown as replaced. axe-core on each step.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, screenshot, screenshots, signIn } from "./portal-browser-helpers.js";
import { reflowProblems } from "./portal-keyboard-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const AMIRA = "isva@northshire-rapecrisis.example.org";
const URN = "41NS0102325";
const DAY = 86_400_000;
const onDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
/** "2026-12-01": a date input's value for that day in London. */
const inputDate = (d: Date) => d.toLocaleDateString("en-CA", { timeZone: "Europe/London" });

describe("her consent on the case page, in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    // The starting point, from the hub itself: the Witness Care Unit may have her contact details.
    const found = await hubGql(hub, AMIRA, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN });
    const caseId = found.data.casesByReference[0].id as string;
    const now = await hubGql(hub, AMIRA, "query($id: ID!) { case(id: $id) { ... on Case { consentNow { category purpose organisationId } } } }", { id: caseId });
    expect(now.data.case.consentNow).toContainEqual(expect.objectContaining({ category: "CONTACT_DETAILS", purpose: "KEEPING_VICTIM_INFORMED" }));
    page = await signIn(browser, hub, "Amira Khan");
    await page.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const panel = () => page.getByRole("region", { name: "Her consent", exact: true });
  const agreedFor = (organisation: string) => panel().locator(".consent-now > li").filter({ has: page.getByRole("heading", { level: 4, name: new RegExp(`^${organisation}`) }) });

  it("shows what she has agreed now, organisation by organisation, and her history", async () => {
    await panel().getByRole("heading", { level: 3, name: "What she has agreed now" }).waitFor();
    await expect(agreedFor("Northshire Police Witness Care Unit").getByText("How to contact her, to keep her informed").isVisible()).resolves.toBe(true);
    await expect(agreedFor("Northshire Rape Crisis").getByText("How her case is going", { exact: false }).isVisible()).resolves.toBe(true);
    // Her record named the CPS too, but the CPS did not record it: not marked as recorded by itself.
    await expect(agreedFor("CPS Northshire").getByText("How to contact her, to keep her informed", { exact: true }).isVisible()).resolves.toBe(true);
    const history = panel().locator(".consent-history > li");
    await expect(history.filter({ hasText: "She agreed to share how to contact her with every Witness Care Unit, to keep her informed." }).count()).resolves.toBeGreaterThan(0);
    await checkPage(page, "consent-panel");
  });

  it("refuses her agreement to share with the ISVA's own organisation until it says how she said it, then records it", async () => {
    await panel().getByRole("button", { name: "Record her consent" }).click();
    const form = panel().getByRole("form", { name: "Record her consent" });
    await form.getByRole("heading", { name: "Record her consent" }).waitFor();
    await form.getByRole("group", { name: "Which information?" }).getByLabel("Her needs", { exact: true }).check();
    await form.getByLabel("Who may see it?").selectOption({ label: "Northshire Rape Crisis (ISVA service)" });
    await form.getByRole("group", { name: "What may it be used for?" }).getByLabel("To support her", { exact: true }).check();
    await form.getByLabel("Where is the record of what she said kept?").fill("Case note RC-2231");
    await form.getByRole("button", { name: "Record what she said" }).click();

    // The hub's typed refusal, beside the field it names, and announced.
    const saidHow = form.locator(".field").filter({ has: page.getByLabel("How did she tell you?") });
    await saidHow.getByText("This records that she agreed to share with your own organisation.", { exact: false }).waitFor();
    await expect(form.getByRole("alert").filter({ hasText: "There is a problem" }).isVisible()).resolves.toBe(true);
    await expect(form.getByRole("alert").getByText("Nothing was saved.").isVisible()).resolves.toBe(true);
    await expect(form.getByLabel("How did she tell you?").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await saidHow.textContent(), "the hub's field names are not shown").not.toMatch(/saidHow|saidAt/);
    await checkPage(page, "consent-record-refused");
    await form.screenshot({ path: path.join(screenshots, "consent-record-refused-form.png") });

    // How and when she said it: on the phone, yesterday at 10:30.
    const yesterday = new Date(Date.now() - DAY);
    await form.getByLabel("How did she tell you?").selectOption({ label: "On the phone" });
    await form.getByRole("group", { name: "When did she say it?" }).getByLabel("Date").fill(inputDate(yesterday));
    await form.getByRole("group", { name: "When did she say it?" }).getByLabel("Time").fill("10:30");
    await form.getByRole("button", { name: "Record what she said" }).click();
    await panel().getByText("Recorded: she agreed to share her needs with Northshire Rape Crisis, to support her.", { exact: false }).waitFor();
    await expect(panel().getByRole("form", { name: "Record her consent" }).count()).resolves.toBe(0);

    // In the picture, marked as recorded by the organisation itself; and first in her history.
    await expect(agreedFor("Northshire Rape Crisis").getByText("Her needs, to support her. Recorded by this organisation itself").isVisible()).resolves.toBe(true);
    const newest = panel().locator(".consent-history > li").first();
    await expect(newest.locator(".status-tag", { hasText: "Self-recorded" }).isVisible()).resolves.toBe(true);
    await expect(newest.getByText(`She said it herself, on the phone, on ${onDay(yesterday)} at 10:30am.`, { exact: false }).isVisible()).resolves.toBe(true);
    await expect(newest.getByText("She agreed to share her needs with Northshire Rape Crisis, to support her.").isVisible()).resolves.toBe(true);
    await expect(newest.getByText("Recorded by Northshire Rape Crisis on", { exact: false }).isVisible()).resolves.toBe(true);
    await checkPage(page, "consent-recorded");
  });

  it("reads a withdrawal back in plain words, then the Witness Care Unit's access goes", async () => {
    await panel().getByRole("button", { name: "Record a withdrawal" }).click();
    const form = panel().getByRole("form", { name: "Record a withdrawal" });
    await form.getByLabel("Who is she taking it back from?").selectOption({ label: "Every Witness Care Unit" });
    await form.getByRole("group", { name: "Which information? (optional)" }).getByLabel("How to contact her", { exact: true }).check();
    await form.getByLabel("How did she tell you?").selectOption({ label: "In person" });
    await form.getByLabel("Where is the record of what she said kept?").fill("Case note RC-2240");
    await form.getByRole("button", { name: "Continue" }).click();

    const confirm = form.getByRole("region", { name: "Is this right?" });
    await confirm.getByText("She no longer wants every Witness Care Unit to see how to contact her, for any purpose.").waitFor();
    await checkPage(page, "consent-withdrawal-confirm");
    await confirm.screenshot({ path: path.join(screenshots, "consent-withdrawal-confirm-box.png") });
    // Confirmed by keyboard.
    await confirm.getByRole("button", { name: "Yes, record her withdrawal" }).focus();
    await page.keyboard.press("Enter");
    await panel().getByText("Recorded: she no longer wants every Witness Care Unit to see how to contact her, for any purpose.", { exact: false }).waitFor();

    // Gone from the picture; her history has the withdrawal and shows what it replaced.
    await expect(agreedFor("Northshire Police Witness Care Unit").getByText("How to contact her", { exact: false }).count()).resolves.toBe(0);
    await expect(agreedFor("Northshire Rape Crisis").getByText("Her needs, to support her", { exact: false }).isVisible()).resolves.toBe(true);
    const newest = panel().locator(".consent-history > li").first();
    await expect(newest.locator(".status-tag", { hasText: "Withdrawal" }).isVisible()).resolves.toBe(true);
    await expect(newest.getByText("She no longer wants every Witness Care Unit to see how to contact her, for any purpose.").isVisible()).resolves.toBe(true);
    const replaced = panel().locator(".consent-history li li").filter({ hasText: "She agreed to share how to contact her with every Witness Care Unit, to keep her informed." });
    await expect(replaced.first().locator(".status-tag", { hasText: "Replaced" }).isVisible()).resolves.toBe(true);
    await expect(replaced.first().getByText(`Replaced on ${onDay(new Date())} by something she said later.`, { exact: false }).isVisible()).resolves.toBe(true);
    await checkPage(page, "consent-withdrawn");
    await panel().screenshot({ path: path.join(screenshots, "consent-withdrawn-panel.png") });
  });

  it("reflows at 320 CSS pixels with both forms open (WCAG 1.4.10)", async () => {
    const narrow = await signIn(browser, hub, "Amira Khan", { viewport: { width: 320, height: 900 }, deviceScaleFactor: 2 });
    await narrow.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await narrow.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    const consent = narrow.getByRole("region", { name: "Her consent", exact: true });
    for (const [button, form] of [
      ["Record her consent", "Record her consent"],
      ["Record a withdrawal", "Record a withdrawal"],
    ] as const) {
      await consent.getByRole("button", { name: button }).click();
      await consent.getByRole("form", { name: form }).waitFor();
      await screenshot(narrow, `consent-320-${button.toLowerCase().replaceAll(" ", "-")}`);
      expect(await reflowProblems(narrow), `${form} at 320px`).toEqual([]);
      await consent.getByRole("form", { name: form }).getByRole("button", { name: "Cancel" }).click();
    }
    await narrow.context().close();
  });
});
