// Local service standards in a real browser against the real hub (embedded mode): Femi, the
// Northshire partnership's administrator, finds the demo's promise that the CPS contacts the
// victim when the police file reaches it, retires it after "Are you sure?" with a reason, and
// adds a shorter successor. A form with nothing in it, or with more days for an Enhanced
// Rights victim than for others, is refused beside its fields and nothing is saved; the saved
// standard is listed in words; a police officer's new file carries the successor's clock by
// its name; the retired one shows among the retired. axe-core finds nothing on each state.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, openFromNav, signIn } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const PROMISE = "The CPS contacts the victim when the police file reaches it";
const SUCCESSOR = "The CPS phones the victim when the police file reaches it";

describe("local service standards in a browser", () => {
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

  it("the partnership's administrator retires the demo's standard, adds its successor, and sees both in words", async () => {
    const page = await signIn(browser, hub, "Femi Adebayo", { viewport: { width: 1280, height: 900 } });
    await openFromNav(page, "Administration", "Administration");
    const section = page.getByRole("region", { name: "Our local service standards" });
    // The demo partnership wrote this one down six months ago.
    const old = section.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PROMISE }) });
    await old.getByText("Owed by the CPS, when a case reaches “With CPS for a charging decision”: within 5 working days, or 3 working days for a victim with Enhanced Rights.").waitFor();
    await checkPage(page, "local-standards");

    await old.getByRole("button", { name: `Retire “${PROMISE}”` }).click();
    await old.getByRole("button", { name: "Retire this standard" }).click();
    await old.getByText("Say why it is retired, for the record").first().waitFor();
    await old.getByLabel("Why is it retired?").fill("Replaced by a shorter standard.");
    await old.getByRole("button", { name: "Retire this standard" }).click();
    await section.getByText(`“${PROMISE}” is retired. It starts no new clock; the clocks it started carry on.`).waitFor();
    await section.getByText("Your partnership has no local service standards in force.").waitFor();

    await section.getByRole("button", { name: "Add a local service standard" }).click();
    const form = section.getByRole("form", { name: "Add a local service standard" });
    await form.getByRole("button", { name: "Add the standard" }).click();
    await form.getByText("Say what must happen, in a few words").first().waitFor();
    await expect(form.getByText("Choose the stage that starts the clock").first().isVisible()).resolves.toBe(true);
    await expect(form.getByText("Choose who owes it").first().isVisible()).resolves.toBe(true);
    await checkPage(page, "local-standards-problems");

    await form.getByLabel("What must happen?").fill(SUCCESSOR);
    await form.getByLabel("The stage").selectOption({ label: "With CPS for a charging decision" });
    await form.getByLabel("Who owes it?").selectOption({ label: "Crown Prosecution Service" });
    await form.getByLabel("Working days allowed").fill("3");
    await form.getByLabel(/Enhanced Rights/).fill("5");
    await form.getByRole("button", { name: "Add the standard" }).click();
    // The hub's refusal, beside the field it names; nothing saved.
    await form.locator(".field-with-problem").getByText("A victim with Enhanced Rights is owed the same time or sooner, never longer.").waitFor();
    await expect(form.getByText("Nothing was saved.").isVisible()).resolves.toBe(true);
    await form.getByLabel(/Enhanced Rights/).fill("2");
    await form.getByRole("button", { name: "Add the standard" }).click();
    await section.getByText(`“${SUCCESSOR}” is now timed on every case in the area whose event happens from now on.`).waitFor();
    const card = section.getByRole("listitem").filter({ has: page.getByRole("heading", { name: SUCCESSOR }) });
    await expect(card.getByText("Owed by the CPS, when a case reaches “With CPS for a charging decision”: within 3 working days, or 2 working days for a victim with Enhanced Rights.").isVisible()).resolves.toBe(true);
    await checkPage(page, "local-standards-added");

    // A police officer sends a file to the CPS: its clock is the new standard's, by its name.
    const { areas } = (await hubGql(hub, "officer@northshire-police.example.org", `{ areas { id code } }`)).data;
    const areaId = areas.find((a: { code: string }) => a.code === "NSH").id;
    const opened = (
      await hubGql(
        hub,
        "officer@northshire-police.example.org",
        `mutation ($input: OpenCaseInput!) { openCase(input: $input) { ... on OpenedCase { case { id clocks { duty what source } } } } }`,
        { input: { policeUrn: "41NS0900126", offenceCategory: "ASSAULT", areaId, stage: "CHARGING_DECISION", victim: { fullName: "Ann Example", dateOfBirth: "1980-01-01" } } },
        "LAW_ENFORCEMENT",
      )
    ).data;
    const local = opened.openCase.case.clocks.filter((c: { source: string }) => c.source === "LOCAL_STANDARD");
    expect(local).toEqual([{ duty: expect.stringMatching(/^LOCAL:/), what: `${SUCCESSOR} (local service standard)`, source: "LOCAL_STANDARD" }]);

    await section.getByLabel("Show retired standards too").check();
    await section.getByText(/Retired \d+ \w+ \d{4}: Replaced by a shorter standard\./).waitFor();
    await checkPage(page, "local-standards-retired");
  });
});
