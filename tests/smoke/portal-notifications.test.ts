// Notifications in a real browser against the real hub (embedded mode). A referral nobody
// acknowledges goes through the hub's own pipeline: made over GraphQL, its acknowledgement deadline
// passes (moved into the past while the hub is stopped), then the hub's clock scan and outbox
// drain run against the same embedded database and write the notifications. The receiving
// organisation's admin sees the count in words, reads the message, opens the referrals inbox
// from it (where a move someone else beat her to shows the hub's own refusal) and marks it
// read; the referrer pages through hers, opens the case in memory and marks them all read.
import { drainOutbox, notifyOutboxHandler, scanBreachedClocks } from "@hub/jobs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, openFromNav, screenshot, signIn, withStoppedHub } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const URN = "41NS0117825";
const HOUR = 3_600_000;

/** The navigation's notifications item, whatever its count says. */
const notificationsNav = (page: Page) => page.getByRole("navigation", { name: "Portal" }).getByRole("button", { name: /^Notifications/ });

/** Each notification's status tag in words ("Unread", "Read"), without its decorative icon. */
const statuses = async (within: Page | Locator) => (await within.locator(".status-tag").allTextContents()).map((t) => t.replace(/^\W+/, ""));

describe("notifications in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;
  let referralId: string;

  async function gql(email: string, purpose: string, query: string, variables: Record<string, unknown> = {}) {
    const json = await hubGql(hub, email, query, variables, purpose);
    expect(json.errors).toBeUndefined();
    return json.data as Record<string, { __typename: string; id?: string; message?: string }>;
  }

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();

    // The Witness Care Unit refers the victim to Northshire Rape Crisis, through the API.
    const WCU = "wcu.officer@northshire-police.example.org";
    const found = (await gql(WCU, "KEEPING_VICTIM_INFORMED", "{ cases(first: 100) { edges { node { id policeUrn } } } organisations { id name } }")) as unknown as {
      cases: { edges: { node: { id: string; policeUrn: string | null } }[] };
      organisations: { id: string; name: string }[];
    };
    const target = {
      caseId: found.cases.edges.find((e) => e.node.policeUrn === URN)!.node.id,
      to: found.organisations.find((o) => o.name === "Northshire Rape Crisis")!.id,
    };
    const made = await gql(
      WCU,
      "REFERRAL",
      `mutation ($caseId: ID!, $to: ID) { makeReferral(caseId: $caseId, toOrganisationId: $to, reason: "She would like an ISVA to support her through the trial.") { __typename ... on Referral { id } ... on Error { message } } }`,
      target,
    );
    expect(made.makeReferral).toMatchObject({ __typename: "Referral" });
    referralId = made.makeReferral!.id!;

    // Nobody acknowledges it. With the hub stopped: its deadline is moved into the past, twenty
    // more of the Witness Care Unit's referrals (to Southshire, which has no admin to tell) are
    // left unacknowledged too, and the hub's own clock scan and outbox drain run.
    await withStoppedHub(hub, async (db) => {
      const prisma = db.prisma;
      const now = Date.now();
      // The demo's working day left these three notifications of their own: start them afresh,
      // so they see only what this test makes.
      await prisma.notification.deleteMany({ where: { user: { name: { in: ["Helen Ford", "Priya Shah", "Sam Okafor"] } } } });
      await prisma.statutoryClock.updateMany({
        where: { startedByUpdateId: referralId, duty: "REFERRAL_ACKNOWLEDGEMENT" },
        data: { startedAt: new Date(now - 80 * HOUR), dueAt: new Date(now - HOUR) },
      });
      const first = await prisma.referral.findUniqueOrThrow({ where: { id: referralId } });
      const southshire = await prisma.organisation.findUniqueOrThrow({ where: { name: "Southshire ISVA Service" } });
      for (let i = 0; i < 20; i++) {
        const more = await prisma.referral.create({
          data: { caseId: first.caseId, fromOrganisationId: first.fromOrganisationId, toOrganisationId: southshire.id, reason: "Support near her sister's home.", createdByUserId: first.createdByUserId },
        });
        await prisma.statutoryClock.create({
          data: { caseId: first.caseId, duty: "REFERRAL_ACKNOWLEDGEMENT", owedByKind: "ISVA_SERVICE", enhanced: false, startedAt: new Date(now - 90 * HOUR), dueAt: new Date(now - 2 * HOUR - i * 60_000), startedByUpdateId: more.id },
        });
      }
      expect((await scanBreachedClocks(db, new Date())).breached).toBe(21);
      expect(await drainOutbox(db, notifyOutboxHandler)).toMatchObject({ processed: 21, failed: 0 });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it("the receiving organisation's admin reads it, opens the referrals inbox from it, and marks it read", async () => {
    const page = await signIn(browser, hub, "Helen Ford");
    await expect.poll(() => notificationsNav(page).textContent()).toBe("Notifications (1 unread)");
    await openFromNav(page, "Notifications (1 unread)", "Notifications");
    const card = page.getByRole("listitem", { name: "A referral was not acknowledged" });
    await card.waitFor();
    await expect(statuses(card)).resolves.toEqual(["Unread"]);
    const message = await card.locator(".notification-message").textContent();
    expect(message).toMatch(/^A referral sent to your organisation on \d{1,2} [A-Z][a-z]+ \d{4} has not been acknowledged within 2 working days, as the partnership agreed\. Open your referrals inbox/);
    // Her organisation is not on the case yet: it is never named to her, and cannot be opened.
    expect(message).not.toContain(URN);
    await expect(card.getByRole("button", { name: /^Open the case/ }).count()).resolves.toBe(0);
    await expect(page.getByText("1 is unread.", { exact: true }).isVisible()).resolves.toBe(true);
    await checkPage(page, "notifications-unread");

    // To the referrals inbox, where the referral waits for an answer.
    await card.getByRole("button", { name: "Open the referrals inbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Referrals inbox" }).waitFor();
    const referral = page.getByRole("listitem", { name: "Referral from Northshire Police Witness Care Unit" });
    await referral.waitFor();
    // A colleague marks it received meanwhile, so her page is out of date: the hub refuses her
    // move, and the portal shows the hub's own words (an `... on Error` fragment).
    const received = await gql("isva@northshire-rapecrisis.example.org", "SUPPORT_AND_ADVOCACY", `mutation ($id: ID!) { changeReferralStatus(referralId: $id, to: RECEIVED, expectedVersion: 1) { __typename } }`, { id: referralId });
    expect(received.changeReferralStatus).toMatchObject({ __typename: "Referral" });
    await referral.getByRole("button", { name: /^Accept/ }).click();
    await expect(referral.getByRole("alert").textContent()).resolves.toBe("Error: This referral was changed after you opened it. Nothing was changed: reload it and try again.");
    await screenshot(page, "notifications-referral-refused");

    // Back to her notifications: marked read, the count drops, in words.
    await openFromNav(page, "Notifications (1 unread)", "Notifications");
    await card.getByRole("button", { name: /^Mark as read/ }).click();
    await expect.poll(() => notificationsNav(page).textContent()).toBe("Notifications");
    await expect(statuses(card)).resolves.toEqual(["Read"]);
    await expect(page.getByText("You have read them all.", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Mark all as read" }).count()).resolves.toBe(0);
    // The change was announced, politely.
    await expect(page.locator("nav [aria-live='polite']").textContent()).resolves.toBe("You have no unread notifications.");
    await checkPage(page, "notifications-read");
    await page.context().close();
  });

  it("the referrer pages through hers, opens the case in memory, and marks them all read", async () => {
    const page = await signIn(browser, hub, "Priya Shah");
    await openFromNav(page, "Notifications (21 unread)", "Notifications");
    await page.getByText("20 notifications, newest first. There are more.", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Show more notifications" }).click();
    await page.getByText("21 notifications, newest first.", { exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "Show more notifications" }).count()).resolves.toBe(0);
    // Each names the case she can see, and the organisation that has not answered.
    const messages = await page.locator(".notification-message").allTextContents();
    expect(messages.filter((m) => m.startsWith(`Southshire ISVA Service has not acknowledged the referral you made on case ${URN}`))).toHaveLength(20);
    const rapeCrisis = page.getByRole("listitem").filter({ hasText: `Northshire Rape Crisis has not acknowledged the referral you made on case ${URN}` });
    await expect(rapeCrisis.count()).resolves.toBe(1);

    // The case opens in memory, as from the caseload: no case id in the address or the title.
    const before = page.url();
    await rapeCrisis.getByRole("button", { name: `Open the case ${URN}` }).click();
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
    expect(page.url()).toBe(before);
    await expect(page.title()).resolves.toBe("Case – Victims' Partnership Hub");

    await openFromNav(page, "Notifications (21 unread)", "Notifications");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("All your notifications are marked as read.").waitFor();
    await expect.poll(() => notificationsNav(page).textContent()).toBe("Notifications");
    // Back on the page it shows the first page afresh (20); every one shown is now read.
    await expect(statuses(page)).resolves.toEqual(Array(20).fill("Read"));
    await checkPage(page, "notifications-all-read");
    await page.context().close();
  });

  it("someone with nothing to act on is told so plainly", async () => {
    const page = await signIn(browser, hub, "Sam Okafor");
    await openFromNav(page, "Notifications", "Notifications");
    await page.getByText("Nothing needs your attention.", { exact: true }).waitFor();
    await checkPage(page, "notifications-empty");
    await page.context().close();
  });
});
