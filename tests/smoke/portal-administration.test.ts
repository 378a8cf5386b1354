// Administration in a real browser against the real hub (embedded mode), signed in through
// the demo provider. The partnership's administrator (who works on no case, so sees no case
// data) adds an organisation, then adds a person to it with a role, by keyboard, the sign-in
// identifier filled in from their email; that person signs in on the demo sign-in page and
// sees their organisation. The administrator changes their roles, and deactivates them after
// "Are you sure?": the sign-in page no longer offers them. An organisation admin sees only
// their own organisation; someone the identity provider provisions is marked, with no role
// editing. axe-core finds nothing on every state, and the page reflows at 320px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, launchBrowser, openFromNav, screenshot, signIn, withStoppedHub } from "./portal-browser-helpers.js";
import { focused, reflowProblems, tabAndType, tabTo } from "./portal-keyboard-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const ORGANISATION = "Northshire Women's Aid";
const PERSON = "Robin Hale";
const EMAIL = "robin.hale@northshire-womensaid.example.org";

describe("administration in a browser", () => {
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

  const card = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

  it("the partnership's administrator adds an organisation, then a person with a role, by keyboard", async () => {
    const page = await signIn(browser, hub, "Femi Adebayo", { viewport: { width: 1280, height: 900 } });
    const nav = page.getByRole("navigation", { name: "Portal" });
    // No case data for the partnership body: no caseload, no "Open a case".
    await expect(nav.getByRole("button", { name: "My caseload" }).count()).resolves.toBe(0);
    await expect(nav.getByRole("button", { name: "Open a case" }).count()).resolves.toBe(0);
    await openFromNav(page, "Administration", "Administration");
    expect(await page.title()).toBe("Administration – Victims' Partnership Hub");
    await page.getByText(/^\d+ organisations you administer\.$/).waitFor();
    await expect(card(page, "Northshire Police Witness Care Unit").getByText("Tom Reid", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card(page, "Southshire ISVA Service").count()).resolves.toBe(0);
    await checkPage(page, "administration");

    // Add an organisation: nothing typed is refused beside the field; then by keyboard.
    await page.getByRole("button", { name: "Add an organisation" }).click();
    const create = page.getByRole("form", { name: "Add an organisation" });
    await create.getByRole("button", { name: "Add the organisation" }).click();
    await create.getByText("Give the organisation's full name", { exact: false }).first().waitFor();
    await create.getByText("Choose what kind of organisation it is", { exact: false }).first().waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe("DIV");
    await expect(create.getByLabel("Northshire").isChecked()).resolves.toBe(true);
    await checkPage(page, "administration-add-organisation-problems");
    await tabTo(page, "Give the organisation's full name");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).name).toBe("Name");
    await page.keyboard.type("Northshire Police");
    await tabAndType(page, "What kind of organisation is it?", "IDVA");
    await tabTo(page, "Add the organisation");
    await page.keyboard.press("Enter");
    // The hub refuses a name the partnership has already, at the field; nothing is saved.
    await create.locator(".field-with-problem").getByText("The partnership already has an organisation with that name.").waitFor();
    await expect(create.getByText("Nothing was saved.").isVisible()).resolves.toBe(true);
    await checkPage(page, "administration-add-organisation-refused");
    await create.getByLabel("Name").fill(ORGANISATION);
    await create.getByRole("button", { name: "Add the organisation" }).click();
    await page.getByText(`${ORGANISATION} has been added to the partnership. Add its people below, so they can sign in.`).waitFor();
    const added = card(page, ORGANISATION);
    await expect(added.getByText("IDVA service. Serves Northshire.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(added.getByText("Nobody yet.").isVisible()).resolves.toBe(true);

    // Add a person, by keyboard: the demo sign-in identifier follows the email as it is typed.
    await added.getByRole("button", { name: `Add a person (${ORGANISATION})` }).focus();
    await page.keyboard.press("Enter");
    const person = added.getByRole("form", { name: `Add a person to ${ORGANISATION}` });
    await person.getByLabel("Full name").waitFor();
    await tabAndType(page, "Full name", PERSON);
    await tabAndType(page, "Work email address", EMAIL);
    await expect(person.getByLabel("Sign-in identifier").inputValue()).resolves.toBe(`demo|${EMAIL}`);
    const roles = person.getByRole("group", { name: "What do they do here?" });
    // Only the roles an IDVA service has: no prosecutors, and no partnership roles outside the partnership body.
    await expect(roles.getByLabel("Prosecutor").count()).resolves.toBe(0);
    await expect(roles.getByLabel("Partnership administrator").count()).resolves.toBe(0);
    await tabTo(page, "Add the person");
    await page.keyboard.press("Enter");
    await person.locator(".field-with-problem").getByText("Give them at least one role").waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe("DIV");
    await checkPage(page, "administration-add-person-problem");
    await tabTo(page, "Advocate (ISVA/IDVA)");
    await page.keyboard.press("Space");
    await tabTo(page, "Add the person");
    await page.keyboard.press("Enter");
    const done = `${PERSON} has been added to ${ORGANISATION}, with the role: Advocate (ISVA/IDVA). They can sign in now.`;
    await added.getByText(done).waitFor();
    await expect.poll(async () => (await focused(page)).name).toBe(done);
    await expect(added.getByText(EMAIL).isVisible()).resolves.toBe(true);
    await checkPage(page, "administration-person-added");

    // At 320 CSS pixels the page reflows.
    await page.setViewportSize({ width: 320, height: 900 });
    await screenshot(page, "zoom-320-administration");
    expect(await reflowProblems(page), "Administration at 320px").toEqual([]);
    await page.context().close();
  });

  it("the new person signs in on the demo sign-in page and sees their organisation", async () => {
    const page = await signIn(browser, hub, PERSON);
    await expect(page.getByText(`Signed in as ${PERSON}, ${ORGANISATION}`).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Your role: Advocate (ISVA/IDVA)").isVisible()).resolves.toBe(true);
    await page.getByRole("heading", { level: 1, name: "My caseload" }).waitFor();
    await page.getByText("You have no cases yet.", { exact: false }).waitFor();
    // An advocate is no administrator.
    await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("button", { name: "Administration" }).count()).resolves.toBe(0);
    await checkPage(page, "administration-new-person-signed-in");
    await page.context().close();
  });

  it("the administrator changes their roles, then deactivates them; the sign-in page no longer offers them", async () => {
    const page = await signIn(browser, hub, "Femi Adebayo");
    await openFromNav(page, "Administration", "Administration");
    const added = card(page, ORGANISATION);
    const member = added.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PERSON }) });
    await member.getByRole("button", { name: `Change roles (${PERSON})` }).click();
    const rolesForm = member.getByRole("form", { name: `Change ${PERSON}'s roles` });
    await rolesForm.getByLabel("Casework lead").check();
    await rolesForm.getByRole("button", { name: "Save their roles" }).click();
    await added.getByText(`${PERSON}'s roles at ${ORGANISATION} are now: Casework lead and Advocate (ISVA/IDVA).`, { exact: false }).waitFor();
    await expect(member.getByText("Roles: Casework lead and Advocate (ISVA/IDVA)").isVisible()).resolves.toBe(true);

    await member.getByRole("button", { name: `Deactivate this person (${PERSON})` }).click();
    const confirm = member.getByRole("region", { name: `Deactivate ${PERSON}?` });
    await confirm.getByText("will not be able to do anything in the hub", { exact: false }).waitFor();
    await checkPage(page, "administration-deactivate-confirm");
    await confirm.getByRole("button", { name: "Yes, deactivate them" }).click();
    await added.getByText(`${PERSON} is deactivated everywhere in the hub`, { exact: false }).waitFor();
    await expect(member.getByText("Deactivated: cannot do anything in the hub").isVisible()).resolves.toBe(true);
    await checkPage(page, "administration-person-deactivated");
    await page.context().close();

    const context = await browser.newContext({ baseURL: hub.base, locale: "en-GB", timezoneId: "Europe/London" });
    const signInPage = await context.newPage();
    await signInPage.goto("/");
    await signInPage.getByRole("button", { name: "Sign in" }).click();
    await signInPage.waitForURL(/\/oidc\//);
    await signInPage.getByText("Femi Adebayo", { exact: true }).waitFor();
    await expect(signInPage.getByText(PERSON, { exact: true }).count()).resolves.toBe(0);
    await context.close();
  });

  it("an organisation admin sees only their own organisation, and adds no organisations", async () => {
    const page = await signIn(browser, hub, "Tom Reid");
    await openFromNav(page, "Administration", "Administration");
    await page.getByText("1 organisation you administer.").waitFor();
    await expect(card(page, "Northshire Police Witness Care Unit").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Add an organisation" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Change name or areas/ }).count()).resolves.toBe(0);
    const self = card(page, "Northshire Police Witness Care Unit").getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Tom Reid (you)" }) });
    await expect(self.getByRole("button", { name: /^End membership/ }).count()).resolves.toBe(0);
    await checkPage(page, "administration-organisation-admin");
    await page.context().close();
  });

  it("someone the identity provider provisions is marked, and their roles are not changed here", async () => {
    // Sam Okafor as the partnership's identity provider would have provisioned him (SCIM),
    // written while the hub is stopped.
    await withStoppedHub(hub, async (db) => {
      const prisma = db.prisma;
      const partnership = await prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Victims' Partnership" } });
      const femi = await prisma.user.findUniqueOrThrow({ where: { email: "directory@northshire-partnership.example.org" } });
      const client = await prisma.provisioningClient.create({ data: { name: "Northshire Entra ID", organisationId: partnership.id, tokenHash: "smoke-test-not-a-real-token-hash", createdByUserId: femi.id } });
      const sam = await prisma.user.update({ where: { email: "caseworker@victimsupport-northshire.example.org" }, data: { provisionedByClientId: client.id } });
      await prisma.membership.updateMany({ where: { userId: sam.id }, data: { provisionedByClientId: client.id } });
    });
    const page = await signIn(browser, hub, "Femi Adebayo");
    await openFromNav(page, "Administration", "Administration");
    const sam = card(page, "Victim Support Northshire").getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sam Okafor" }) });
    await sam.getByText("Managed by your identity provider").waitFor();
    await expect(sam.getByText("Their roles come from your identity provider's groups: change them there.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(sam.getByRole("button", { name: /^Change roles/ }).count()).resolves.toBe(0);
    // In an emergency anyone may still be stopped here.
    await expect(sam.getByRole("button", { name: "Deactivate this person (Sam Okafor)" }).isVisible()).resolves.toBe(true);
    // Others are not marked.
    const jo = card(page, "Safe Steps Northshire").getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Jo Evans" }) });
    await expect(jo.getByText("Managed by your identity provider").count()).resolves.toBe(0);
    await expect(jo.getByRole("button", { name: "Change roles (Jo Evans)" }).isVisible()).resolves.toBe(true);
    await checkPage(page, "administration-provisioned");
    await page.context().close();
  });
});
